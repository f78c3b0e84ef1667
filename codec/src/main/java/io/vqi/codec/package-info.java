/**
 * The pipeline: {@link io.vqi.codec.ImageCodec} takes planes to an encoded image (tiles through the encoder, prior
 * and coder; the refinement layer and colour plane above) and back; {@link io.vqi.codec.VqiCodec} joins it to the
 * container; {@link io.vqi.codec.ModelRegistry} holds the models a build knows, the embedded default included.
 */
package io.vqi.codec;
