/**
 * What every stage shares: {@link io.vqi.core.EncodedImage}, the value between the codec and the container (an
 * image's geometry and each layer's coded bytes), the typed corrupt-data error with its byte offset, and the progress
 * listener.
 */
package io.vqi.core;
