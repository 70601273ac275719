package dev.predictbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvSource;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.scoring.InvalidRows;
import dev.predictbench.scoring.ParityCheck;
import dev.predictbench.scoring.ScoredCsvWriter;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The Spark job in local mode ({@code local[2]}, files cut into several partitions) against
 * {@code predictbench score}'s own code on the same files: every cell of every row equal,
 * invalid rows and their errors included.
 */
class ScoreJobTest {

    private static final Path SAMPLES = Path.of("..", "sample-models");
    private static SparkSession spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("ScoreJobTest")
                .config("spark.ui.enabled", "false")
                // Small splits: every sample file is read by several tasks, as a big file would be.
                .config("spark.sql.files.maxPartitionBytes", "8192")
                .config("spark.sql.files.openCostInBytes", "0")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"breast-cancer, unseen.csv", "clinic-risk, failures.csv",
        "clinic-risk, reference.csv", "digits, unseen.csv"})
    void scoresEveryRowAsPredictbenchScoreDoes(String sample, String file) throws IOException {
        Path bundle = SAMPLES.resolve(sample);
        Path input = bundle.resolve(file);
        Path out = temp.resolve("out");
        var summary = ScoreJob.run(spark, options(bundle, input.toString(), out, "csv", 0, null));

        List<List<String>> local = scoreLocally(bundle, input);
        List<List<String>> distributed = readCsvParts(out);
        assertSameScoredRows(local, distributed, 0, 1e-6);
        assertTrue(spark.read().text(input.toString()).javaRDD().getNumPartitions() > 1 || Files.size(input) < 8192,
                "the file was read by several tasks");

        assertEquals(local.size() - 1, summary.rows());
        assertEquals(invalidByCheck(local), summary.invalidByCheck());
        assertEquals(invalidByCheck(local).isEmpty() ? 0 : countInvalid(local), summary.invalidRows());
        assertTrue(summary.parity().contains("reproduce the training stack"), summary.parity());

        var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("_predictbench-run.json").toFile());
        assertEquals(summary.rows(), record.get("rows").asLong());
        assertEquals(summary.invalidRows(), record.get("invalid_rows").asLong());
        assertEquals(BundleLoader.load(bundle).modelSha256(), record.get("model_sha256").asText());
    }

    /**
     * Dynamic INT8 quantizes each batch's activations with that batch's own range (as PyTorch's
     * quantize_dynamic does), so a row's numbers depend on the rows that share its batch: with the
     * file in one partition the batches are the file's and the numbers equal score's; cut into
     * partitions they stay close, and the class almost always agrees.
     */
    @Test
    void dynamicInt8ScoresLikeScoreWhenItsBatchesAreTheFiles() throws IOException {
        Path bundle = SAMPLES.resolve("breast-cancer-int8");
        Path input = bundle.resolve("unseen.csv");
        List<List<String>> local = scoreLocally(bundle, input);
        spark.conf().set("spark.sql.files.maxPartitionBytes", "64m");
        spark.conf().set("spark.sql.files.minPartitionNum", "1");
        try {
            ScoreJob.run(spark, options(bundle, input.toString(), temp.resolve("whole"), "csv", 0, null));
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
            spark.conf().unset("spark.sql.files.minPartitionNum");
        }
        assertSameScoredRows(local, readCsvParts(temp.resolve("whole")), 0, 1e-6);
        ScoreJob.run(spark, options(bundle, input.toString(), temp.resolve("split"), "csv", 0, null));
        assertSameScoredRows(local, readCsvParts(temp.resolve("split")), 0, 0.02);
    }

    @Test
    void parquetInAndOutHoldTheSameValues() throws IOException {
        Path bundle = SAMPLES.resolve("clinic-risk");
        // Parquet has no short rows: the file's rows that have every cell.
        List<List<String>> cells = readCsv(bundle.resolve("failures.csv"));
        cells.removeIf(row -> row.size() != cells.get(0).size());
        Path input = temp.resolve("complete-rows.csv");
        writeCsv(input, cells);
        // A folder of Spark's part files, without .parquet in its name: found by the files' magic bytes.
        Path parquet = temp.resolve("failures-table");
        asStrings(cells).write().parquet(parquet.toString());

        Path out = temp.resolve("out");
        ScoreJob.run(spark, options(bundle, parquet.toString(), out, "parquet", 0, null));

        List<List<String>> local = scoreLocally(bundle, input);
        List<String> header = local.get(0);
        Dataset<Row> scored = spark.read().parquet(out.toString());
        assertEquals(header, Arrays.asList(scored.columns()));
        assertEquals(DataTypes.FloatType, scored.schema().apply("p_high").dataType());
        List<List<String>> fromParquet = new ArrayList<>();
        for (Row row : scored.collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                // Floats back as the text score writes (Float.toString); missing cells as empty ones.
                values.add(row.isNullAt(i) ? "" : row.get(i).toString());
            }
            fromParquet.add(values);
        }
        fromParquet.add(0, header);
        assertSameScoredRows(local, fromParquet, 0, 1e-6);
    }

    @Test
    void typedParquetColumnsScoreLikeTheirCsvText() throws IOException {
        Path bundle = SAMPLES.resolve("breast-cancer");
        Path input = bundle.resolve("unseen.csv");
        Dataset<Row> typed = asStrings(readCsv(input));
        for (String column : typed.columns()) {
            typed = typed.withColumn(column, functions.col(column).cast(column.equals("sample_id") ? "long" : "double"));
        }
        Path parquet = temp.resolve("typed.parquet");
        typed.write().parquet(parquet.toString());
        Path out = temp.resolve("out");
        ScoreJob.run(spark, options(bundle, parquet.toString(), out, "csv", 0, null));

        // Spark writes the typed input columns its own way (85 as 85.0); the output columns must agree.
        int inputs = typed.columns().length;
        List<List<String>> local = scoreLocally(bundle, input);
        List<List<String>> distributed = readCsvParts(out);
        for (List<List<String>> rows : List.of(local, distributed)) {
            for (List<String> row : rows.subList(1, rows.size())) {
                row.set(0, Long.toString((long) Double.parseDouble(row.get(0))));
            }
        }
        assertSameScoredRows(local, distributed, inputs, 1e-6);
    }

    @Test
    void aBundleThatFailsItsParityCheckStopsTheJobBeforeAnyRowIsScored() throws IOException {
        Path bundle = copyOf(SAMPLES.resolve("clinic-risk"));
        List<String> lines = new ArrayList<>(Files.readAllLines(bundle.resolve("parity.csv")));
        String[] cells = lines.get(1).split(",");
        cells[cells.length - 1] = Double.toString(Double.parseDouble(cells[cells.length - 1]) + 0.01);
        lines.set(1, String.join(",", cells));
        Files.write(bundle.resolve("parity.csv"), lines);

        Path out = temp.resolve("out");
        var e = assertThrows(ParityCheck.Mismatch.class, () -> ScoreJob.run(spark,
                options(bundle, SAMPLES.resolve("clinic-risk/valid.csv").toString(), out, "csv", 0, null)));
        assertTrue(e.getMessage().contains("p_high"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void filesWhoseColumnsComeInAnotherOrderAreRefused() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("in"));
        List<List<String>> rows = readCsv(SAMPLES.resolve("clinic-risk/valid.csv"));
        writeCsv(folder.resolve("a.csv"), rows);
        List<List<String>> swapped = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            java.util.Collections.swap(copy, 1, 2);
            swapped.add(copy);
        }
        writeCsv(folder.resolve("b.csv"), swapped);
        Path out = temp.resolve("out");
        var e = assertThrows(InputException.class, () -> ScoreJob.run(spark,
                options(SAMPLES.resolve("clinic-risk"), folder.toString(), out, "csv", 0, null)));
        assertTrue(e.getMessage().contains("b.csv") && e.getMessage().contains("same columns"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFolderOfCsvFilesIsScoredWholeAndMcDropoutIsSeeded() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("in"));
        List<List<String>> rows = readCsv(SAMPLES.resolve("clinic-risk/reference.csv"));
        writeCsv(folder.resolve("part-1.csv"), rows.subList(0, 700));
        List<List<String>> rest = new ArrayList<>(rows.subList(700, rows.size()));
        rest.add(0, rows.get(0));
        writeCsv(folder.resolve("part-2.csv"), rest);

        Path first = temp.resolve("mc1");
        Path second = temp.resolve("mc2");
        var summary = ScoreJob.run(spark, options(SAMPLES.resolve("clinic-risk"), folder.toString(), first, "csv", 5, 11L));
        ScoreJob.run(spark, options(SAMPLES.resolve("clinic-risk"), folder.toString(), second, "csv", 5, 11L));

        assertEquals(rows.size() - 1, summary.rows());
        List<List<String>> a = readCsvParts(first);
        assertTrue(a.get(0).containsAll(List.of("p_high_std", "entropy", "mutual_info")), a.get(0).toString());
        assertEquals(sorted(a), sorted(readCsvParts(second)), "the same seed gives the same passes");
        int std = a.get(0).indexOf("p_high_std");
        assertTrue(a.subList(1, a.size()).stream().anyMatch(r -> !r.get(std).isEmpty() && Float.parseFloat(r.get(std)) > 0),
                "dropout is active");
    }

    @Test
    void filesTheJobCannotReadLineByLineStopItWithTheReason() throws IOException {
        Path bundle = SAMPLES.resolve("clinic-risk");
        List<String> lines = Files.readAllLines(bundle.resolve("valid.csv"));

        Path latin1 = temp.resolve("latin1.csv");
        List<String> withAccent = new ArrayList<>(lines);
        withAccent.set(5, withAccent.get(5) + " caf\u00e9"); // the notes cell, in Latin-1: byte E9
        Files.write(latin1, withAccent, java.nio.charset.StandardCharsets.ISO_8859_1);
        var e = assertThrows(Exception.class, () -> ScoreJob.run(spark,
                options(bundle, latin1.toString(), temp.resolve("a"), "csv", 0, null)));
        assertTrue(ScoreJob.inputCause(e).getMessage().contains("not UTF-8"), e.toString());

        Path multiline = temp.resolve("multiline.csv");
        List<String> broken = new ArrayList<>(lines);
        broken.set(5, broken.get(5).replaceFirst(",([^,]*)$", ",\"$1\nsecond line\""));
        Files.write(multiline, broken);
        e = assertThrows(Exception.class, () -> ScoreJob.run(spark,
                options(bundle, multiline.toString(), temp.resolve("b"), "csv", 0, null)));
        assertTrue(ScoreJob.inputCause(e).getMessage().contains("line break"), e.toString());

        Path utf16 = temp.resolve("utf16.csv");
        Files.writeString(utf16, "\uFEFF" + String.join("\n", lines), java.nio.charset.StandardCharsets.UTF_16LE);
        e = assertThrows(InputException.class, () -> ScoreJob.run(spark,
                options(bundle, utf16.toString(), temp.resolve("c"), "csv", 0, null)));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void anExistingOutputFolderIsRefusedBeforeAnythingRuns() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "earlier results");
        var e = assertThrows(InputException.class, () -> ScoreJob.run(spark, options(SAMPLES.resolve("clinic-risk"),
                SAMPLES.resolve("clinic-risk/valid.csv").toString(), out, "csv", 0, null)));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    // --- helpers -------------------------------------------------------------------------

    private static JobOptions options(Path bundle, String input, Path out, String format, int passes, Long seed) {
        return new JobOptions(bundle.toString(), List.of(input), "auto", out.toString(), format, passes, 256, null, null,
                seed, 1);
    }

    /** What predictbench score writes for the file, read back as cells. */
    private List<List<String>> scoreLocally(Path bundle, Path input) throws IOException {
        Path scored = temp.resolve("local-" + bundle.getFileName() + "-" + input.getFileName());
        ScoringOptions options = new ScoringOptions(DeviceChoice.CPU, 256, null, InvalidRows.KEEP);
        try (Scorer scorer = Scorer.open(BundleLoader.load(bundle), options);
             ScoredCsvWriter writer = new ScoredCsvWriter(scored)) {
            scorer.score(input, options, writer, p -> { }, () -> false);
            writer.commit();
        }
        return readCsv(scored);
    }

    private static List<List<String>> readCsv(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvSource source = CsvSource.open(file)) {
            rows.add(source.header());
            while (source.hasNext()) {
                rows.add(new ArrayList<>(List.of(source.next().cells())));
            }
        }
        return rows;
    }

    /** Spark's part files in order, read by the desktop's CSV reader; one header. */
    private static List<List<String>> readCsvParts(Path folder) throws IOException {
        List<Path> parts;
        try (Stream<Path> files = Files.list(folder)) {
            parts = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Path part : parts) {
            if (Files.size(part) == 0) {
                continue;
            }
            List<List<String>> cells = readCsv(part);
            rows.addAll(rows.isEmpty() ? cells : cells.subList(1, cells.size()));
        }
        return rows;
    }

    private static void writeCsv(Path file, List<List<String>> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            lines.add(String.join(",", row));
        }
        Files.write(file, lines);
    }

    private static Dataset<Row> asStrings(List<List<String>> cells) {
        StructType schema = new StructType();
        for (String column : cells.get(0)) {
            schema = schema.add(column, DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        int width = cells.get(0).size();
        for (List<String> row : cells.subList(1, cells.size())) {
            rows.add(RowFactory.create(Arrays.copyOf(row.toArray(), width)));
        }
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    /**
     * The same rows with the same outputs, in any order (Spark may write partitions in another
     * order). Input cells (from column {@code compareFrom} on) and text outputs are equal; the
     * numbers are within {@code tolerance}, 1e-6 for float models. Why not bit for bit: libtorch's CPU kernels block a matrix product
     * by the batch's row count, so a row's logit can differ in its last float bits with the rows
     * that share its batch (Python shows it too: the breast-cancer model's logits differ by up to
     * 1e-6 between batches of 1 and of 114 rows), and a partition's batches are not the file's.
     */
    private static void assertSameScoredRows(List<List<String>> expected, List<List<String>> actual, int compareFrom,
                                             double tolerance) {
        List<String> header = expected.get(0);
        assertEquals(header, actual.get(0), "header");
        int outputsFrom = header.indexOf("prediction");
        Comparator<List<String>> byInput = Comparator.comparing(r -> r.subList(0, outputsFrom).toString());
        List<List<String>> want = new ArrayList<>(expected.subList(1, expected.size()));
        List<List<String>> got = new ArrayList<>(actual.subList(1, actual.size()));
        want.sort(byInput);
        got.sort(byInput);
        assertEquals(want.size(), got.size(), "rows");
        for (int r = 0; r < want.size(); r++) {
            List<String> w = want.get(r);
            List<String> g = got.get(r);
            for (int c = compareFrom; c < header.size(); c++) {
                String where = "row " + w.get(0) + ", column " + header.get(c);
                if (c > outputsFrom && header.get(c).startsWith("p_") && !w.get(c).isEmpty()) {
                    assertEquals(Double.parseDouble(w.get(c)), Double.parseDouble(g.get(c)), tolerance, where);
                } else {
                    assertEquals(w.get(c), g.get(c), where);
                }
            }
        }
    }

    private static Map<String, Long> invalidByCheck(List<List<String>> scored) {
        int errors = scored.get(0).indexOf("errors");
        Map<String, Long> counts = new TreeMap<>();
        for (List<String> row : scored.subList(1, scored.size())) {
            if (row.size() > errors && !row.get(errors).isEmpty()) {
                for (String check : new java.util.LinkedHashSet<>(List.of(row.get(errors).split(";")))) {
                    counts.merge(check, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static long countInvalid(List<List<String>> scored) {
        int status = scored.get(0).indexOf("status");
        return scored.subList(1, scored.size()).stream().filter(r -> r.get(status).equals("invalid")).count();
    }

    private Path copyOf(Path bundle) throws IOException {
        Path copy = Files.createDirectories(temp.resolve(bundle.getFileName()));
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
