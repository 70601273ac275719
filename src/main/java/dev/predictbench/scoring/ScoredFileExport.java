package dev.predictbench.scoring;

import dev.predictbench.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Scores a file into a scored CSV plus its run record: the one export path the
 * command line and the workbench share. The CSV appears only when the run completes;
 * a cancelled, failed or stopped run leaves any existing file untouched.
 */
public final class ScoredFileExport {

    private ScoredFileExport() {
    }

    public static ScoringSummary run(Scorer scorer, Path input, Path output, ScoringOptions options,
                                     ScoringProgress.Listener progress, BooleanSupplier cancelled) {
        return run(scorer, input, output, options, false, progress, cancelled);
    }

    /** @param guardFormulas defuse input cells that spreadsheets would run as formulas */
    public static ScoringSummary run(Scorer scorer, Path input, Path output, ScoringOptions options,
                                     boolean guardFormulas, ScoringProgress.Listener progress,
                                     BooleanSupplier cancelled) {
        if (Files.exists(output) && Files.exists(input) && sameFile(input, output)) {
            throw new InputException(output + ": is the input file; choose another output name");
        }
        ScoringSummary summary;
        try (ScoredCsvWriter writer = new ScoredCsvWriter(output, guardFormulas)) {
            summary = scorer.score(input, options, writer, progress, cancelled);
            if (summary.stoppedAt() != null) {
                return summary;
            }
            writer.commit();
        }
        RunRecord.of(scorer.bundle(), input, output, options, summary).writeBeside(output);
        return summary;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
