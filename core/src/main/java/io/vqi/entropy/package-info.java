/**
 * The coder: a 64-bit range coder and the integer CDFs it codes under, made from the models' logits in a fixed,
 * deterministic way ({@code StrictMath}, fixed summation order, a floor of one unit per symbol), so the encoder and
 * every decoder see the same numbers on every machine.
 */
package io.vqi.entropy;
