package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.calibration.TemperatureScaling;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.scoring.InvalidRows;
import dev.predictbench.scoring.RunRecord;
import dev.predictbench.scoring.ScoredFileExport;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores a CSV file: every input column, then prediction, p_<class>, status and errors."
                + " The output appears only when complete; a run record is written beside it.")
final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "the CSV file to score")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "SCORED.csv", description = "where to write the scored CSV")
    Path output;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "where the model runs (default: ${DEFAULT-VALUE})")
    DeviceChoice device;

    @Option(names = "--batch-size", defaultValue = "" + ScoringOptions.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "rows per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--temperature", paramLabel = "T", description = "calibration temperature (default: the bundle's)")
    Double temperature;

    @Option(names = "--invalid", defaultValue = "keep", paramLabel = "keep|skip|fail",
            description = "invalid rows: keep with empty predictions, skip, or fail at the first (default: ${DEFAULT-VALUE})")
    InvalidRows invalidRows;

    @Option(names = "--mc-passes", defaultValue = "0", paramLabel = "N",
            description = "Monte-Carlo dropout passes per row (0: off); adds p_<class>_std, entropy and mutual_info"
                    + " (regression: prediction_std)")
    int mcPasses;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the MC dropout passes (default: random,"
            + " written to the run record)")
    Long seed;

    @Option(names = "--guard-formulas", description = "prefix ' to input cells a spreadsheet would run as formulas"
            + " (=, +, -, @ at the start; numbers untouched); off by default so input cells stay unchanged")
    boolean guardFormulas;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @CommandLine.Mixin
    CsvOptions csv;

    @Override
    public Integer call() {
        if (ScoringOptions.batchSizeProblem(batchSize) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size "
                    + ScoringOptions.batchSizeProblem(batchSize));
        }
        if (temperature != null && TemperatureScaling.problem(temperature) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--temperature "
                    + TemperatureScaling.problem(temperature));
        }
        if (ScoringOptions.mcPassesProblem(mcPasses, batchSize) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mc-passes "
                    + ScoringOptions.mcPassesProblem(mcPasses, batchSize));
        }
        ScoringOptions options = new ScoringOptions(device, batchSize, temperature, invalidRows, mcPasses, seed)
                .withDialect(csv.dialect());
        var err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err, quiet);
        Bundle bundle = BundleLoader.load(bundlePath);
        try (Scorer scorer = Scorer.open(bundle, options); var interrupt = new InterruptGuard()) {
            ScoringSummary summary = ScoredFileExport.run(scorer, input, output, options, guardFormulas, progress,
                    interrupt.cancelled::get);
            if (summary.stoppedAt() != null) {
                var failure = summary.stoppedAt();
                err.println("predictbench: " + Printable.escape(input + ": row " + failure.row() + ", column \""
                        + failure.column() + "\": " + failure.message()) + " (--invalid fail; no output written)");
                return Cli.FOUND;
            }
            progress.finish(String.format("%,d rows scored (%,d invalid) in %.2f s on %s -> %s (run record %s)%s",
                    summary.rows(), summary.invalidRows(), summary.seconds(), summary.device(), output,
                    RunRecord.pathFor(output).getFileName(),
                    scorer.parity().map(p -> "; " + p.describe()).orElse("")));
            return Cli.OK;
        }
    }

    /**
     * Ctrl-C cancels the run instead of killing it mid-write, so the partial file is
     * removed and an existing output stays as it was.
     */
    private static final class InterruptGuard implements AutoCloseable {
        final AtomicBoolean cancelled = new AtomicBoolean();
        private final CountDownLatch cleanedUp = new CountDownLatch(1);
        private final Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                cleanedUp.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "predictbench-interrupt");

        InterruptGuard() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it returns now that cleanup is done.
            }
        }
    }
}
