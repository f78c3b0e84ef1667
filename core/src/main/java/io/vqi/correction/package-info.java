/**
 * The colour plane: a coarse bilinear plane of per-channel corrections that the encoder fits to what the decoder
 * shows and codes losslessly, applied in exact integer arithmetic (smooth gradients the VQ grid cannot carry).
 */
package io.vqi.correction;
