package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code score} does with model outputs it cannot trust, through the real command and two
 * real TorchScript models (sample-models/build_hostile_models.py): an output whose shape depends
 * on the batch is refused (never shifted onto other rows), and a NaN or infinite output makes
 * its row invalid with the reason (never status ok). Also the bounds of the options that size
 * memory and time, and temperatures that would turn every probability into NaN.
 */
class ModelOutputsCommandTest {

    private static final Path UNSEEN = Samples.BREAST_CANCER.resolve("unseen.csv");

    @TempDir
    Path dir;

    @Test
    void anOutputWidthThatChangesAfterTheDryRunIsRefusedNamingTheBatchAndLeavesTheOutputAlone() throws IOException {
        Path bundle = bundleWith("output-width-changes.pt");
        Path input = firstRows(5);
        Path out = dir.resolve("scored.csv");
        Files.writeString(out, "yesterday's results\n");

        // Batches of 2, 2 and 1 rows: the dry run's 2 rows got [N, 2], so the last batch's [1, 1] is refused.
        CliRun run = score(bundle, input, out, "--batch-size", "2");
        assertEquals(2, run.code(), run.err());
        String line = firstLine(run.err());
        assertTrue(line.contains(bundle.resolve("model.pt").toString()), line);
        assertTrue(line.contains("shape [1, 1] for the batch of 1 row starting at row 5, expected [1, 2]"), line);
        assertEquals("yesterday's results\n", Files.readString(out), "the existing output is untouched");
        assertFalse(Files.exists(dir.resolve("scored.csv.run.json")));
        assertNoLitter();

        // One batch of 5 rows: [5, 1] at the first batch.
        run = score(bundle, input, out);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("shape [5, 1] for the batch of 5 rows starting at row 1, expected [5, 2]"),
                run.err());
    }

    @Test
    void anOutputThatDropsARowIsRefusedNotShifted() throws IOException {
        Path bundle = bundleWith("output-width-changes.pt");
        Path out = dir.resolve("scored.csv");
        CliRun run = score(bundle, firstRows(5), out, "--batch-size", "3");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("shape [2, 1] for the batch of 3 rows starting at row 1, expected [3, 2]"),
                run.err());
        assertFalse(Files.exists(out));
        assertNoLitter();
    }

    @Test
    void nanAndInfiniteOutputsMakeTheirRowsInvalidWithTheReasonAndAreCounted() throws IOException {
        Path bundle = bundleWith("nan-outputs.pt");
        // The model returns NaN where the standardized mean radius is above 100, +inf above 50.
        Path input = withRadius(Map.of(2, "1000", 4, "275"));
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", bundle.toString(), "--input", input.toString(), "--output", out.toString(),
                "--device", "cpu");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("114 rows scored (2 invalid)"), run.err());

        List<Map<String, String>> scored = Samples.readCsv(out);
        assertEquals("invalid", scored.get(1).get("status"));
        assertEquals("model:output", scored.get(1).get("errors"));
        assertEquals("", scored.get(1).get("prediction"));
        assertEquals("", scored.get(1).get("p_malignant"));
        assertEquals("invalid", scored.get(3).get("status"));
        assertEquals(112, scored.stream().filter(r -> r.get("status").equals("ok")).count());
        for (Map<String, String> row : scored) {
            if (row.get("status").equals("ok")) {
                double p = Double.parseDouble(row.get("p_malignant"));
                assertTrue(p >= 0 && p <= 1, row.toString());
            }
        }
        var record = new ObjectMapper().readTree(dir.resolve("scored.csv.run.json").toFile());
        assertEquals(2, record.get("invalid_rows").asLong());

        // --invalid fail stops at the first such row, with the reason, and writes nothing.
        Path failed = dir.resolve("failed.csv");
        run = score(bundle, input, failed, "--invalid", "fail");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("row 2, column \"model output\": model output is NaN"), run.err());
        assertFalse(Files.exists(failed));

        // validate reads the file alone: the rows are valid input, only the model's outputs are not.
        assertEquals(0, CliRun.of("validate", bundle.toString(), "--input", input.toString()).code());
        assertNoLitter();
    }

    @Test
    void probabilitiesOutsideZeroToOneAreInvalidRowsNotNanProbabilities() throws IOException {
        // The sample's logits (negative for benign rows) declared as probabilities: log(p) is NaN.
        Path bundle = bundleWith("nan-outputs.pt");
        var json = new ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Files.readString(bundle.resolve("bundle.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("model")).put("output", "probabilities");
        Files.writeString(bundle.resolve("bundle.json"), json.writeValueAsString(manifest));
        Path out = dir.resolve("scored.csv");
        assertEquals(0, score(bundle, firstRows(20), out).code());
        List<Map<String, String>> scored = Samples.readCsv(out);
        long invalid = scored.stream().filter(r -> r.get("status").equals("invalid")).count();
        assertTrue(invalid > 0, "some of the sample's logits are negative");
        for (Map<String, String> row : scored) {
            if (row.get("status").equals("ok")) {
                assertTrue(Double.isFinite(Double.parseDouble(row.get("p_malignant"))), row.toString());
            } else {
                assertEquals("model:output", row.get("errors"));
            }
        }
    }

    @Test
    void withMcPassesAndInTheCalibrationLabNanRowsAreInvalidOrLeftOut() throws IOException {
        Path bundle = bundleWith("nan-outputs.pt");
        Path input = withRadius(Map.of(2, "1000", 4, "275"));
        Path out = dir.resolve("mc.csv");
        CliRun run = score(bundle, input, out, "--mc-passes", "5", "--seed", "7");
        assertEquals(0, run.code(), run.err());
        List<Map<String, String>> scored = Samples.readCsv(out);
        assertEquals("invalid", scored.get(1).get("status"));
        assertEquals("model:output", scored.get(1).get("errors"));
        assertEquals("", scored.get(1).get("p_malignant_std"));
        assertEquals("invalid", scored.get(3).get("status"));
        assertEquals(112, scored.stream().filter(r -> r.get("status").equals("ok")).count());

        // calibrate fits on the rows the model scores: the two NaN / infinite rows are left out, not NaN in the fit.
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Samples.BREAST_CANCER.resolve("validation.csv")));
        for (int row : List.of(3, 5)) {
            String line = lines.get(row);
            lines.set(row, (row == 3 ? "1000" : "275") + line.substring(line.indexOf(',')));
        }
        Path labelled = dir.resolve("labelled.csv");
        Files.write(labelled, lines);
        CliRun calibrate = CliRun.of("calibrate", bundle.toString(), "--validation", labelled.toString(), "--json");
        assertEquals(0, calibrate.code(), calibrate.err());
        var result = new ObjectMapper().readTree(calibrate.out());
        assertEquals(lines.size() - 3, result.get("rows").asLong(), calibrate.out());
        assertTrue(Double.isFinite(result.get("after").get("nll").asDouble()), calibrate.out());
    }

    @Test
    void aTemperatureThatIsNotAPositiveNormalFiniteNumberIsRefusedWhereItEnters() throws IOException {
        Path out = dir.resolve("scored.csv");
        for (String t : List.of("5e-324", "0", "-1", "NaN", "Infinity", "1e-310")) {
            CliRun run = score(Samples.BREAST_CANCER, UNSEEN, out, "--temperature", t);
            assertEquals(2, run.code(), t + ": " + run.err());
            assertTrue(run.err().startsWith("predictbench: --temperature must be a positive, normal, finite number"),
                    run.err());
            assertFalse(Files.exists(out));
        }
        assertEquals(0, score(Samples.BREAST_CANCER, UNSEEN, out, "--temperature", "2.5e-308").code());

        Path bundle = Files.createDirectories(dir.resolve("tiny-temperature"));
        Files.copy(Samples.BREAST_CANCER.resolve("model.pt"), bundle.resolve("model.pt"));
        var json = new ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Samples.manifestForOtherModel(Samples.BREAST_CANCER));
        manifest.putObject("calibration").put("temperature", 5e-324);
        Files.writeString(bundle.resolve("bundle.json"), json.writeValueAsString(manifest));
        CliRun run = score(bundle, UNSEEN, dir.resolve("other.csv"));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("calibration.temperature") && run.err().contains("positive, normal, finite"),
                run.err());
        assertFalse(Files.exists(dir.resolve("other.csv")));
    }

    @Test
    void optionsThatSizeMemoryOrTimeHaveLimitsNamedInTheRefusal() {
        Path out = dir.resolve("scored.csv");
        CliRun batch = score(Samples.BREAST_CANCER, UNSEEN, out, "--batch-size", "2147483647");
        assertEquals(2, batch.code());
        assertTrue(batch.err().startsWith("predictbench: --batch-size must be between 1 and 65536 rows"), batch.err());
        CliRun passes = score(Samples.BREAST_CANCER, UNSEEN, out, "--mc-passes", "1000000");
        assertEquals(2, passes.code());
        assertTrue(passes.err().startsWith("predictbench: --mc-passes must be 0 (off) or between 2 and 1000"),
                passes.err());
        CliRun both = score(Samples.BREAST_CANCER, UNSEEN, out, "--mc-passes", "1000", "--batch-size", "4096");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("lower --batch-size"), both.err());
        CliRun report = CliRun.of("report", Samples.BREAST_CANCER.toString(), "--data", UNSEEN.toString(), "--out",
                dir.resolve("r.html").toString(), "--mc-passes", "5000");
        assertEquals(2, report.code());
        assertTrue(report.err().contains("--mc-passes must be 0 (off) or between 2 and 1000"), report.err());
        CliRun bench = CliRun.of("bench", "--rows", "1000000000000");
        assertEquals(2, bench.code());
        assertTrue(bench.err().contains("--rows must be between 1 and 100000000"), bench.err());
        assertFalse(Files.exists(out));
        // The largest allowed values still run.
        assertEquals(0, score(Samples.BREAST_CANCER, UNSEEN, out, "--batch-size", "65536").code());
    }

    private CliRun score(Path bundle, Path input, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("score", bundle.toString(), "--input", input.toString(),
                "--output", out.toString(), "--device", "cpu", "--quiet"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A copy of the breast-cancer bundle holding another model (no parity file, no sha256). */
    private Path bundleWith(String model) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve(model.replace(".pt", "")));
        Files.copy(Path.of("src/test/resources/models", model), bundle.resolve("model.pt"));
        Files.writeString(bundle.resolve("bundle.json"), Samples.manifestForOtherModel(Samples.BREAST_CANCER));
        return bundle;
    }

    private Path firstRows(int rows) throws IOException {
        Path copy = dir.resolve("first-" + rows + ".csv");
        Files.write(copy, Files.readAllLines(UNSEEN).subList(0, rows + 1));
        return copy;
    }

    /** The unseen rows with "mean radius" set in the given (1-based) rows. */
    private Path withRadius(Map<Integer, String> radius) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(UNSEEN));
        int column = Samples.header(UNSEEN).indexOf("mean radius");
        radius.forEach((row, value) -> {
            String[] cells = lines.get(row).split(",", -1);
            cells[column] = value;
            lines.set(row, String.join(",", cells));
        });
        Path copy = dir.resolve("edited.csv");
        Files.write(copy, lines);
        return copy;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private void assertNoLitter() {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
