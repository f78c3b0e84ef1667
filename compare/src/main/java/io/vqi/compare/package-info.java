/**
 * Rate-distortion comparisons of vqi against JPEG, JPEG 2000, WebP, AVIF, JPEG XL and PNG: the engine behind
 * {@code vqi compare}.
 *
 * <pre>{@code
 * ComparisonOptions options = ComparisonOptions.forFolder(folder).withAnchor("jpeg");
 * ComparisonResult result = Comparison.run(options, ProgressSink.lines(System.err));
 * ReportFiles files = Report.write(result, outDir);
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.vqi.compare.CodecRunner}: one codec's sweep, encoder and decoder (sealed: vqi, JDK JPEG with and
 *       without optimised Huffman tables, JPEG 2000, PNG, and the external cwebp, avifenc and cjxl tools);</li>
 *   <li>{@link io.vqi.compare.Comparison}: runs every codec on every image, timing and measuring;</li>
 *   <li>{@link io.vqi.compare.Analysis}: mean curves, BD-rates against the anchor, quality at fixed rates;</li>
 *   <li>{@link io.vqi.compare.Report}: {@code results.csv} ({@link io.vqi.compare.ResultsCsv}), {@code report.md},
 *       RD plots as PNG and SVG, and a side-by-side crop picture.</li>
 * </ul>
 */
package io.vqi.compare;
