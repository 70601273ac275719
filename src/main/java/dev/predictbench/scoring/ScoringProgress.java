package dev.predictbench.scoring;

/**
 * Progress of a scoring run.
 *
 * @param fraction share of the input file read so far, 0..1 (from bytes, so it works while streaming)
 * @param estimatedRows rows expected in total, extrapolated from the bytes read
 */
public record ScoringProgress(long rowsDone, long invalidRows, double fraction, long estimatedRows,
                              double rowsPerSecond) {

    /** Receives progress from the scoring thread; implementations hand it to their own thread. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = progress -> { };

        void onProgress(ScoringProgress progress);
    }
}
