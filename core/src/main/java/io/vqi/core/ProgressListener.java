package io.vqi.core;

/**
 * Hears how far the coding of one image has got, for a progress line on a terminal. Each call says a stage and how
 * much of it is done: {@code done} never falls within a stage and ends at {@code total}. Stages come in the order
 * listed; when an image is coded in tiles, the per-tile stages of compression ({@link Stage#ENCODING},
 * {@link Stage#CODING_INDICES}, {@link Stage#REFINING}) interleave, each still counting over the whole image.
 * Calls may come from worker threads, one at a time (never concurrently); a listener must return quickly and must
 * not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Hears nothing: the default. */
    ProgressListener NONE = (stage, done, total) -> {
    };

    void progress(Stage stage, long done, long total);

    /** What the codec is doing, with the words a progress line shows and the unit it counts. */
    enum Stage {
        /** Compression: the encoder network, counted in tiles. */
        ENCODING("encoding", "tiles"),
        /** Compression: range coding the index grid under the prior, counted in rows of latent cells. */
        CODING_INDICES("coding indices", "rows"),
        /** Compression: the refinement layer's analysis and coding (qualities above 1), counted in tiles. */
        REFINING("refining", "tiles"),
        /** Decompression: decoding the index grid under the prior, row by row, counted in rows. */
        DECODING_INDICES("decoding indices", "rows"),
        /** Decompression: the refinement layer's latent (qualities above 1), counted in tiles. */
        DECODING_REFINEMENT("decoding refinement", "tiles"),
        /**
         * The decoder network, counted in windows of the latent grid; compression runs it too, to choose the
         * colour plane.
         */
        RENDERING("decoding", "windows");

        private final String words;
        private final String unit;

        Stage(String words, String unit) {
            this.words = words;
            this.unit = unit;
        }

        /** {@code decoding 3/12 windows}. */
        public String describe(long done, long total) {
            return words + " " + done + "/" + total + " " + unit;
        }
    }
}
