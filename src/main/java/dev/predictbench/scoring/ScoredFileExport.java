package dev.predictbench.scoring;

import dev.predictbench.data.AtomicFile;
import dev.predictbench.data.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Scores a file into a scored CSV plus its run record: the one export path the
 * command line and the workbench share. The CSV and its record appear only when the run
 * completes, together; a cancelled, failed or stopped run leaves any existing files untouched,
 * and an output that is one of the inputs is refused before anything is read.
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
        List<Path> inputs = new ArrayList<>(scorer.bundle().files());
        inputs.add(0, input);
        Path[] read = inputs.toArray(Path[]::new);
        OutputFiles.check(output, read);
        // "score --input X.run.json --output X" would replace the input with X's run record.
        OutputFiles.check(RunRecord.pathFor(output), read);
        ScoringSummary summary;
        try (ScoredCsvWriter writer = new ScoredCsvWriter(output, guardFormulas)) {
            summary = scorer.score(input, options, writer, progress, cancelled);
            if (summary.stoppedAt() != null) {
                return summary;
            }
            try (AtomicFile record = RunRecord.of(scorer.bundle(), input, output, options, summary)
                    .writtenBeside(output)) {
                writer.commitWith(record);
            }
        }
        return summary;
    }
}
