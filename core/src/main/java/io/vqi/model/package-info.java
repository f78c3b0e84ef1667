/**
 * Models as data: the architectures ({@link io.vqi.model.VqVaeConfig}, {@link io.vqi.model.RefineConfig}), trained
 * weights ({@link io.vqi.model.ModelBundle}, {@link io.vqi.model.RefineBundle}) and their files
 * ({@link io.vqi.model.ModelFile}, {@link io.vqi.model.LayerFile}), and index grids. No network runs here.
 */
package io.vqi.model;
