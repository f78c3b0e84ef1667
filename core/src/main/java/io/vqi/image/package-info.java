/**
 * Image to planes, the pipeline's first step: {@link io.vqi.image.ImagePlanes} is the one conversion from a
 * {@code BufferedImage} (8-bit samples as the file holds them, alpha and ICC profile aside) that compress, evaluate,
 * compare and training all use; {@link io.vqi.image.ImageTensor} is the networks' planar float layout.
 */
package io.vqi.image;
