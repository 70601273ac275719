package dev.predictbench.spark;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ParityCheck;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores CSV or Parquet files on Spark with a PredictBench bundle, through the same core as
 * {@code predictbench score}: the driver loads the bundle and checks its parity rows (a
 * bundle that does not reproduce its training stack stops the job before any partition is
 * scored), ships it to the executors, and each executor loads the model once and scores its
 * partitions in batches. Output rows carry the input columns, then prediction, p_&lt;class&gt;,
 * status and errors; invalid rows are kept and marked.
 */
@Command(name = "predictbench-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores CSV or Parquet files on Spark with a PredictBench bundle, as predictbench score does.")
public final class ScoreJob implements Callable<Integer> {

    @Option(names = "--bundle", required = true, paramLabel = "BUNDLE",
            description = "the bundle: a folder or a .zip, on the driver's file system; shipped to the executors")
    String bundle;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "CSV or Parquet files, folders or globs (any file system Spark reads); comma-separated")
    List<String> inputs;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "csv|parquet|auto",
            description = "auto: Parquet when the inputs name .parquet or hold Parquet files (default: ${DEFAULT-VALUE})")
    String inputFormat;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the output folder; must not exist")
    String output;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|parquet",
            description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--mc-passes", defaultValue = "0", paramLabel = "N",
            description = "Monte-Carlo dropout passes per row (0: off)")
    int mcPasses;

    @Option(names = "--seed", paramLabel = "N", description = "the MC dropout seed (default: random, printed)")
    Long seed;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N",
            description = "rows per model call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--delimiter", paramLabel = "C", description = "the CSV delimiter (default: found from the header)")
    Character delimiter;

    @Option(names = "--decimal-comma", negatable = true, paramLabel = "",
            description = "read 1,5 as 1.5 (default: when the delimiter is ';')")
    Boolean decimalComma;

    @Option(names = "--torch-threads", paramLabel = "N",
            description = "libtorch threads per task (default: spark.task.cpus)")
    Integer torchThreads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoreJob()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            // An executor's InputException reaches the driver wrapped in Spark's task failure.
            InputException input = inputCause(e);
            cmd.getErr().println("predictbench-spark: " + (input != null ? input.getMessage() : e.toString()));
            return input != null ? 2 : 1;
        }).execute(args));
    }

    /** The options that size memory and time, refused with the same limits as the desktop's score. */
    static void checkLimits(int batchSize, int mcPasses, Integer torchThreads) {
        String batch = dev.predictbench.scoring.ScoringOptions.batchSizeProblem(batchSize);
        if (batch != null) {
            throw new InputException("--batch-size " + batch);
        }
        String passes = dev.predictbench.scoring.ScoringOptions.mcPassesProblem(mcPasses, batchSize);
        if (passes != null) {
            throw new InputException("--mc-passes " + passes);
        }
        if (torchThreads != null && (torchThreads < 1 || torchThreads > MAX_TORCH_THREADS)) {
            throw new InputException("--torch-threads must be between 1 and " + MAX_TORCH_THREADS + ", found "
                    + torchThreads);
        }
    }

    static InputException inputCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException input) {
                return input;
            }
        }
        return null;
    }

    /** libtorch intra-op threads per task at most: more than any executor has cores. */
    static final int MAX_TORCH_THREADS = 256;

    @Override
    public Integer call() {
        checkLimits(batchSize, mcPasses, torchThreads);
        JobOptions options = new JobOptions(bundle, inputs, inputFormat, output, format, mcPasses, batchSize,
                delimiter, decimalComma, seed, torchThreads);
        SparkSession spark = SparkSession.builder().appName("predictbench score").getOrCreate();
        try {
            JobSummary summary = run(spark, options);
            System.out.println(summary.text());
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Runs the job; throws {@link InputException} (parity, header, input) before scoring anything it cannot. */
    public static JobSummary run(SparkSession spark, JobOptions options) {
        long start = System.nanoTime();
        refuseExistingOutput(spark, options.output());
        Bundle bundle = BundleLoader.load(bundlePath(options.bundle()));
        long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        InputTable input = InputTable.read(spark, options);
        OutputColumns outputColumns = new OutputColumns(options.outputFormat().equals("csv"),
                !bundle.manifest().task().isClassification());
        LongAccumulator rows = spark.sparkContext().longAccumulator("rows");
        LongAccumulator invalid = spark.sparkContext().longAccumulator("invalid rows");
        CheckCounts checks = new CheckCounts();
        spark.sparkContext().register(checks, "invalid rows by check");
        ScoringOptions scoring = PartitionScorer.scoringOptions(options, input.csv(), seed);
        StructType schema;
        String parity;
        // The driver checks first: the parity rows, the model's widths, the header against the schema.
        try (Scorer driver = Scorer.open(bundle, scoring)) {
            parity = driver.parity().map(ParityCheck.Result::describe).orElse("no parity file");
            driver.validator(input.header(), String.join(",", options.inputs()), scoring);
            schema = outputColumns.schema(input.columns(), driver.layout(scoring));
        }
        PartitionScorer scorer = new PartitionScorer(BundleShipping.ship(spark, bundle), options, input,
                outputColumns, seed, rows, invalid, checks);
        Dataset<Row> scored = input.rows().mapPartitions(scorer, Encoders.row(schema));
        var writer = scored.write().format(options.outputFormat());
        if (options.outputFormat().equals("csv")) {
            // RFC 4180 as predictbench score writes it: quotes doubled, empty cells left empty.
            writer = writer.option("header", "true").option("escape", "\"").option("emptyValue", "");
        }
        writer.save(options.output());
        JobSummary summary = new JobSummary(options.output(), bundle.manifest().name(), parity, rows.value(),
                invalid.value(), checks.value(), options.mcPasses() > 0 ? seed : null);
        RunRecord.of(bundle, options, summary, (System.nanoTime() - start) / 1e9, spark.sparkContext().master())
                .writeInto(spark, options.output());
        return summary;
    }

    /**
     * The bundle on the driver: the path given, or, in cluster mode where {@code --files} put
     * it among the job's files rather than in the working folder, that file.
     */
    private static Path bundlePath(String bundle) {
        Path path = Path.of(bundle);
        if (!Files.exists(path)) {
            try {
                Path shipped = Path.of(SparkFiles.get(path.getFileName().toString()));
                if (Files.exists(shipped)) {
                    return shipped;
                }
            } catch (RuntimeException e) {
                // no SparkFiles folder: report the path as given
            }
        }
        return path;
    }

    /** Spark would refuse it only after the bundle and the headers were read; say so at once. */
    private static void refuseExistingOutput(SparkSession spark, String output) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
        try {
            if (path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
                throw new InputException(output + ": exists; give a new folder for the part files");
            }
        } catch (java.io.IOException e) {
            throw new InputException(output + ": cannot be checked: " + e.getMessage(), e);
        }
    }

    /** What the job did, from Spark's accumulators. */
    public record JobSummary(String output, String bundle, String parity, long rows, long invalidRows,
                             Map<String, Long> invalidByCheck, Long seed) {
        public String text() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("Scored %,d rows with %s into %s: %,d valid, %,d invalid%n", rows, bundle, output,
                    rows - invalidRows, invalidRows));
            text.append(parity).append('\n');
            invalidByCheck.forEach((check, n) -> text.append(String.format("  %-28s %,d rows%n", check, n)));
            if (seed != null) {
                text.append("MC dropout seed: ").append(seed).append('\n');
            }
            return text.toString();
        }
    }
}
