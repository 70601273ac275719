package dev.predictbench.cli;

import dev.predictbench.scoring.ScoringProgress;
import java.io.PrintWriter;

/**
 * Progress on stderr, redrawn in place at most twice a second when stderr is a terminal;
 * in a pipe or a log only the closing summary is written (carriage returns would garble
 * it); silent with --quiet.
 */
final class ProgressLine implements ScoringProgress.Listener {

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean redraws;
    private long lastDraw;
    private boolean drawn;

    ProgressLine(PrintWriter err, boolean quiet) {
        this(err, quiet, System.console() != null);
    }

    ProgressLine(PrintWriter err, boolean quiet, boolean terminal) {
        this.err = err;
        this.quiet = quiet;
        this.redraws = terminal;
    }

    @Override
    public void onProgress(ScoringProgress progress) {
        long now = System.nanoTime();
        if (quiet || !redraws || progress.rowsDone() == 0 || now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.printf("\r%,d rows (%.0f%%), %,d invalid%s   ", progress.rowsDone(), 100 * progress.fraction(),
                progress.invalidRows(), progress.rowsPerSecond() > 0
                        ? String.format(", %,.0f rows/s", progress.rowsPerSecond()) : "");
        err.flush();
    }

    /** The same line for validation, which reports rows, invalid rows and the share read. */
    dev.predictbench.schema.FileValidator.Progress asValidationProgress() {
        return (rows, invalid, fraction) -> onProgress(new ScoringProgress(rows, invalid, fraction,
                fraction > 0 ? Math.round(rows / fraction) : rows, 0));
    }

    void finish(String summary) {
        if (quiet) {
            return;
        }
        err.println(drawn ? "\r" + summary + "          " : summary);
        err.flush();
    }
}
