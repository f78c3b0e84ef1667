/**
 * The base layer's entropy model: the PixelCNN prior over the index grid, run in pure Java from exported weights,
 * and {@link io.vqi.prior.LatentCoder}, which codes a grid under it with the range coder.
 */
package io.vqi.prior;
