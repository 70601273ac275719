package dev.predictbench.scoring;

import dev.predictbench.schema.ValidationFailure;

/**
 * What a finished scoring run did.
 *
 * @param seed the MC dropout seed used, or null without MC passes
 * @param stoppedAt the failure that stopped a run with {@link InvalidRows#FAIL}, or null
 */
public record ScoringSummary(long rows, long invalidRows, double seconds, String device, double temperature,
                             Long seed, ValidationFailure stoppedAt) {

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
