/**
 * The {@code .vqi} container, byte for byte as {@code container/SPEC.md} defines it: signature, versioned header,
 * typed chunks with CRC-32C, their reader and writer, and {@link io.vqi.format.ImageChunks}, the one mapping between
 * a coded image and its chunks. Pure Java: reading a header never starts native code.
 */
package io.vqi.format;
