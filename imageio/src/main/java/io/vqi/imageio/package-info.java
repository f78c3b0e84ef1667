/**
 * The javax.imageio plugin for {@code .vqi}: with this module on the classpath, {@code ImageIO.read(file)} and
 * {@code ImageIO.write(image, "vqi", file)} work with nothing else configured (the SPIs are registered in
 * {@code META-INF/services}).
 *
 * <ul>
 *   <li>Names ({@link io.vqi.imageio.VqiProviderInfo}): format {@code vqi} / {@code VQI}, suffix {@code vqi},
 *       MIME type {@code image/x-vqi} (unregistered, hence {@code x-}).</li>
 *   <li>{@link io.vqi.imageio.VqiImageReader}: one image per file, index 0; lazy header; the file's own
 *       type first (gray or RGB, with alpha when the file has an {@code alph} chunk, in the file's ICC colour
 *       space when it has an {@code iccp} chunk); source region, subsampling, bands and destination parameters; native and standard image metadata
 *       ({@link io.vqi.imageio.VqiImageMetadata}); progress and abort.</li>
 *   <li>{@link io.vqi.imageio.VqiImageWriter}: RGB or gray, with or without alpha (kept exactly), any
 *       sample depth (rounded to 8 bits), an embedded ICC colour space kept as a profile; the model and
 *       quality come from {@link io.vqi.imageio.VqiImageWriteParam} (compression type = model id,
 *       compression quality mapped to the model's quality levels).</li>
 * </ul>
 *
 * <p><b>Models.</b> A file names the model (id and weights hash) that coded it, and only that model decodes it.
 * Readers look among the models given to {@code setModels}, those named by the system property
 * {@code io.vqi.imageio.models} (model files separated by {@link java.io.File#pathSeparator}), and the model embedded
 * in the build. Writers use the param's model, else the first of those. The property exists because
 * {@code ImageIO.read} and {@code ImageIO.write} take no parameters.
 */
package io.vqi.imageio;
