package io.vqi.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Report#write} wrote.
 *
 * @param plots      PSNR and MS-SSIM plots, each as PNG then SVG
 * @param sideBySide empty when no lossy codec was measured
 */
public record ReportFiles(Path csv, Path markdown, List<Path> plots, Optional<Path> sideBySide) {
    public ReportFiles {
        plots = List.copyOf(plots);
    }
}
