package io.vqi.compare.curve;

import io.vqi.metrics.MsSsim;

/** The scale on which quality values are interpolated and averaged. */
public enum QualityScale {
    /** The values as given: PSNR in dB, or MS-SSIM in [0, 1]. */
    AS_IS,
    /**
     * MS-SSIM converted to dB with {@link MsSsim#toDecibels}, {@code -10 log10(1 - q)}: spreads the top of the
     * range so that BD numbers weigh high-quality points the way PSNR does. Rejects 1.0 (no finite dB value).
     */
    MS_SSIM_DB;

    /** The quality value on this scale. */
    public double apply(double quality) {
        if (this == AS_IS) {
            return quality;
        }
        if (quality == 1.0) {
            throw new IllegalArgumentException("MS-SSIM 1.0 (a lossless point) has no finite dB value");
        }
        return MsSsim.toDecibels(quality);
    }
}
