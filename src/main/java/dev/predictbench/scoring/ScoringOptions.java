package dev.predictbench.scoring;

import dev.predictbench.inference.DeviceChoice;

/**
 * How to score a file.
 *
 * @param temperature overrides the bundle's calibration temperature when not null
 */
public record ScoringOptions(DeviceChoice device, int batchSize, Double temperature, InvalidRows invalidRows) {

    public static final int DEFAULT_BATCH_SIZE = 1024;

    public static ScoringOptions defaults() {
        return new ScoringOptions(DeviceChoice.AUTO, DEFAULT_BATCH_SIZE, null, InvalidRows.KEEP);
    }

    public ScoringOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, was " + temperature);
        }
    }
}
