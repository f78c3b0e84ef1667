/**
 * The networks, on ND4J: the VQ-VAE's encoder, quantiser (codebook lookup) and decoder, and the refinement layer's
 * analysis and synthesis transforms. They turn pixels into indices and decoded numbers into pixels; no probability
 * they compute reaches the coder.
 */
package io.vqi.network;
