package dev.predictbench.cli;

import dev.predictbench.bench.CalibrationBenchmark;
import dev.predictbench.bench.ScoringBenchmark;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.scoring.ScoringOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures end-to-end scoring (read, validate, preprocess, infer, write) on a generated file,"
                + " the peak resident memory, and the pure inference rate.")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bundle", paramLabel = "BUNDLE",
            description = "a bundle with a reference sample (default: the built-in breast-cancer sample, 30 numeric"
                    + " features)")
    Path bundle;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "rows to generate (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--batch-size", defaultValue = "" + ScoringOptions.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "rows per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to write the generated files (default: a temporary folder)")
    Path dir;

    @Option(names = "--calibration", description = "measure the calibration lab instead: metrics for a new"
            + " temperature and a full fit, over --rows labelled rows (default 100000) of --classes classes")
    boolean calibration;

    @Option(names = "--classes", defaultValue = "10", paramLabel = "K", description = "classes for --calibration"
            + " (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    /** Generated rows are written to disk (scoring) or held as K doubles each (calibration). */
    static final long MAX_ROWS = 100_000_000;
    static final int MAX_CLASSES = 1_000;
    static final long MAX_CALIBRATION_LOGITS = 50_000_000;

    private void checkLimits() {
        var line = spec.commandLine();
        if (rows < 1 || rows > MAX_ROWS) {
            throw new CommandLine.ParameterException(line, "--rows must be between 1 and " + MAX_ROWS
                    + " (the generated file is written to disk), found " + rows);
        }
        String batch = ScoringOptions.batchSizeProblem(batchSize);
        if (batch != null) {
            throw new CommandLine.ParameterException(line, "--batch-size " + batch);
        }
        if (classes < 2 || classes > MAX_CLASSES) {
            throw new CommandLine.ParameterException(line, "--classes must be between 2 and " + MAX_CLASSES
                    + ", found " + classes);
        }
        if (calibration && line.getParseResult().hasMatchedOption("--rows") && rows * classes > MAX_CALIBRATION_LOGITS) {
            throw new CommandLine.ParameterException(line, "--rows x --classes must be at most "
                    + MAX_CALIBRATION_LOGITS + " logits for --calibration (all are held in memory), found "
                    + rows + " x " + classes);
        }
    }

    private int benchCalibration() {
        int n = spec.commandLine().getParseResult().hasMatchedOption("--rows") ? Math.toIntExact(rows) : 100_000;
        var r = CalibrationBenchmark.run(n, classes);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rows", r.rows());
            figures.put("classes", r.classes());
            figures.put("metrics_median_ms", r.metricsMedianMs());
            figures.put("metrics_p95_ms", r.metricsP95Ms());
            figures.put("fit_median_ms", r.fitMedianMs());
            figures.put("fitted_temperature", r.fittedTemperature());
            out.println(JsonOutput.of(figures));
        } else {
            out.printf("Metrics and bins for a new T, %,d rows x %d classes: median %.2f ms, p95 %.2f ms%n", r.rows(),
                    r.classes(), r.metricsMedianMs(), r.metricsP95Ms());
            out.printf("Temperature fit: median %.1f ms (T = %.4f)%n", r.fitMedianMs(), r.fittedTemperature());
        }
        return Cli.OK;
    }

    @Override
    public Integer call() throws Exception {
        checkLimits();
        if (calibration) {
            return benchCalibration();
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("predictbench-bench-");
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), quiet);
        try {
            // The sample inside the jar, so that bench runs from any folder.
            Path chosen = bundle != null ? bundle : dev.predictbench.bundle.EmbeddedSample.extract().bundle();
            var r = ScoringBenchmark.run(BundleLoader.load(chosen), rows, batchSize, work, progress);
            progress.finish(String.format("%,d rows scored", r.rows()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("rows", r.rows());
                figures.put("features", r.features());
                figures.put("file_bytes", r.fileBytes());
                figures.put("seconds", r.seconds());
                figures.put("rows_per_second", Math.round(r.rowsPerSecond()));
                figures.put("inference_rows_per_second", Math.round(r.inferenceRowsPerSecond()));
                figures.put("peak_rss_mb", r.peakRssBytes() >> 20);
                figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
                figures.put("device", r.device());
                figures.put("batch_size", r.batchSize());
                figures.put("cpus", Runtime.getRuntime().availableProcessors());
                out.println(JsonOutput.of(figures));
            } else {
                out.printf("End to end: %,d rows x %d features (%,d MB) in %.2f s = %,.0f rows/s%n", r.rows(),
                        r.features(), r.fileBytes() >> 20, r.seconds(), r.rowsPerSecond());
                out.printf("Inference alone (batch %d): %,.0f rows/s%n", r.batchSize(), r.inferenceRowsPerSecond());
                out.printf("Peak RSS: %,d MB (max heap %,d MB), device %s, %d CPUs%n", r.peakRssBytes() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20, r.device(), Runtime.getRuntime().availableProcessors());
            }
            return Cli.OK;
        } finally {
            if (dir == null) {
                Files.deleteIfExists(work);
            }
        }
    }
}
