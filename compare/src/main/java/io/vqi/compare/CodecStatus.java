package io.vqi.compare;

import java.util.List;
import java.util.Optional;

/**
 * Whether a requested codec was measured, and what it is.
 *
 * @param skipReason empty when measured; otherwise why not (not installed, or the error that stopped it)
 */
public record CodecStatus(String name, String description, List<String> settings, Optional<String> skipReason) {
    public CodecStatus {
        settings = List.copyOf(settings);
    }

    public boolean measured() {
        return skipReason.isEmpty();
    }
}
