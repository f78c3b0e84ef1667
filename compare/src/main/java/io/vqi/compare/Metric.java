package io.vqi.compare;

import io.vqi.compare.curve.QualityScale;

/** The two quality measures the comparison reports, and how each enters the BD-rate. */
public enum Metric {
    /** PSNR in dB; BD-rate on dB as is. */
    PSNR("PSNR", "dB", QualityScale.AS_IS),
    /**
     * MS-SSIM in [0, 1]; curves, plots and the quality-at-rate table use it as is, the BD-rate converts the mean
     * curve to dB ({@code -10 log10(1 - MS-SSIM)}) so that the crowded top of the range weighs as PSNR's does.
     * The quality range printed with it is in that dB.
     */
    MS_SSIM("MS-SSIM", "dB of 1-MS-SSIM", QualityScale.MS_SSIM_DB);

    private final String label;
    private final String bdUnit;
    private final QualityScale bdScale;

    Metric(String label, String bdUnit, QualityScale bdScale) {
        this.label = label;
        this.bdUnit = bdUnit;
        this.bdScale = bdScale;
    }

    public String label() {
        return label;
    }

    /** Unit of the quality range printed with a BD-rate. */
    public String bdUnit() {
        return bdUnit;
    }

    /** The scale the BD-rate integrates on. */
    public QualityScale bdScale() {
        return bdScale;
    }

    /** This metric's value of a row. */
    public double of(Measurement m) {
        return this == PSNR ? m.psnr() : m.msssim();
    }

    /** This metric's value of a mean point. */
    public double of(MeanPoint p) {
        return this == PSNR ? p.psnr() : p.msssim();
    }

    /**
     * Whether a quality can sit on a rate-quality curve: finite, and not the lossless 1.0 of MS-SSIM (which has no
     * dB value). Lossless points (PSNR +Infinity) and MS-SSIM of images too small for it (NaN) are left out.
     */
    public boolean onCurve(double quality) {
        return Double.isFinite(quality) && (this == PSNR || quality < 1.0);
    }
}
