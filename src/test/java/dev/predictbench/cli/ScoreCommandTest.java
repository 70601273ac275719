package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    private static final Path BUNDLE = Samples.BREAST_CANCER;
    private static final Path UNSEEN = BUNDLE.resolve("unseen.csv");

    @TempDir
    Path dir;

    @Test
    void writesEveryInputColumnThenPredictionsAndARunRecord() throws IOException {
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", UNSEEN.toString(), "--output", out.toString(),
                "--device", "cpu", "--quiet");
        assertEquals(0, run.code(), run.err());

        List<String> expectedHeader = new ArrayList<>(Samples.header(UNSEEN));
        expectedHeader.addAll(List.of("prediction", "p_benign", "p_malignant", "status", "errors"));
        assertEquals(expectedHeader, Samples.header(out));

        List<Map<String, String>> input = Samples.readCsv(UNSEEN);
        List<Map<String, String>> scored = Samples.readCsv(out);
        List<Map<String, String>> golden = Samples.readCsv(BUNDLE.resolve("golden/unseen_outputs.csv"));
        assertEquals(input.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Map<String, String> row = scored.get(i);
            for (var cell : input.get(i).entrySet()) {
                assertEquals(cell.getValue(), row.get(cell.getKey()), "input cells are carried unchanged");
            }
            assertEquals(golden.get(i).get("prediction"), row.get("prediction"));
            assertEquals(Double.parseDouble(golden.get(i).get("p_malignant")),
                    Double.parseDouble(row.get("p_malignant")), 1e-5);
            assertEquals("ok", row.get("status"));
            assertEquals("", row.get("errors"));
        }

        JsonNode record = new ObjectMapper().readTree(dir.resolve("scored.csv.run.json").toFile());
        assertEquals("breast-cancer", record.get("bundle").asText());
        assertEquals(input.size(), record.get("rows").asInt());
        assertEquals(64, record.get("model_sha256").asText().length());
        assertEquals("cpu", record.get("settings").get("device").asText());
        assertNoPartialFiles();
    }

    @Test
    void aBadRowIsMarkedInvalidAndTheRestIsScored() throws IOException {
        Path input = copyWithEdits(2, "mean radius", "-3.5", 3, "mean texture", "abc");
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output", out.toString(),
                "--quiet");
        assertEquals(0, run.code(), run.err());
        List<Map<String, String>> scored = Samples.readCsv(out);
        assertEquals("invalid", scored.get(1).get("status"));
        assertEquals("mean radius:min", scored.get(1).get("errors"));
        assertEquals("", scored.get(1).get("prediction"));
        assertEquals("", scored.get(1).get("p_malignant"));
        assertEquals("mean texture:type", scored.get(2).get("errors"));
        assertEquals("ok", scored.get(0).get("status"));
        assertEquals(112, scored.stream().filter(r -> r.get("status").equals("ok")).count());
    }

    @Test
    void numberCellsAreReadAsPandasReadsThemNotByJavasGrammar() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(UNSEEN));
        int column = Samples.header(UNSEEN).indexOf("mean radius");
        List<String> cells = List.of("2.5f", "14d", "0x1p3", " NA", "1_000", "\u066314", " 14.5\t", "+014.5", "14.", "inf");
        for (int i = 0; i < cells.size(); i++) {
            lines.set(i + 1, replaceCell(lines.get(i + 1), column, cells.get(i)));
        }
        Path input = dir.resolve("numbers.csv");
        Files.write(input, lines);
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output", out.toString(),
                "--quiet");
        assertEquals(0, run.code(), run.err());
        List<Map<String, String>> scored = Samples.readCsv(out);
        List<String> errors = scored.subList(0, cells.size()).stream().map(r -> r.get("errors")).toList();
        assertEquals(List.of("mean radius:type", "mean radius:type", "mean radius:type", "mean radius:type",
                "mean radius:type", "mean radius:type", "", "", "", "mean radius:finite"), errors);
    }

    @Test
    void skipLeavesInvalidRowsOut() throws IOException {
        Path input = copyWithEdits(2, "mean radius", "-3.5", 3, "mean texture", "abc");
        Path out = dir.resolve("scored.csv");
        assertEquals(0, CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output",
                out.toString(), "--invalid", "skip", "--quiet").code());
        assertEquals(112, Samples.readCsv(out).size());
    }

    @Test
    void failStopsAtTheFirstInvalidRowWithExit1AndKeepsTheExistingFile() throws IOException {
        Path input = copyWithEdits(2, "mean radius", "-3.5", 3, "mean texture", "abc");
        Path out = dir.resolve("scored.csv");
        Files.writeString(out, "precious earlier result\n");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output", out.toString(),
                "--invalid", "fail", "--quiet");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("row 2"), run.err());
        assertTrue(run.err().contains("mean radius"), run.err());
        assertEquals("precious earlier result\n", Files.readString(out));
        assertFalse(Files.exists(dir.resolve("scored.csv.run.json")));
        assertNoPartialFiles();
    }

    @Test
    void aMissingInputFileIsExit2WithOneLineAndNoOutput() {
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", dir.resolve("nope.csv").toString(),
                "--output", out.toString());
        assertEquals(2, run.code());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("nope.csv: no such file"), run.err());
        assertFalse(Files.exists(out));
        assertNoPartialFiles();
    }

    @Test
    void aHeaderWithoutTheFeaturesIsExit2() throws IOException {
        Path input = dir.resolve("wrong.csv");
        Files.writeString(input, "a,b\n1,2\n");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output",
                dir.resolve("scored.csv").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("header lacks 30 of the model's 30 features"), run.err());
        assertFalse(Files.exists(dir.resolve("scored.csv")));
        assertNoPartialFiles();
    }

    @Test
    void aMissingBundleAndABadOptionAreExit2() {
        CliRun noBundle = CliRun.of("score", dir.resolve("none").toString(), "--input", UNSEEN.toString(),
                "--output", dir.resolve("o.csv").toString());
        assertEquals(2, noBundle.code());
        assertTrue(noBundle.err().contains("no such bundle"), noBundle.err());
        CliRun badOption = CliRun.of("score", BUNDLE.toString(), "--input", UNSEEN.toString(), "--output",
                dir.resolve("o.csv").toString(), "--invalid", "maybe");
        assertEquals(2, badOption.code());
        assertTrue(badOption.err().contains("--invalid"), badOption.err());
    }

    @Test
    void mcPassesAddUncertaintyColumnsAndTheSeedGoesToTheRunRecord() throws IOException {
        Path out = dir.resolve("mc.csv");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", UNSEEN.toString(), "--output", out.toString(),
                "--mc-passes", "20", "--seed", "5", "--quiet");
        assertEquals(0, run.code(), run.err());
        List<String> header = Samples.header(out);
        assertEquals(List.of("prediction", "p_benign", "p_malignant", "p_benign_std", "p_malignant_std", "entropy",
                "mutual_info", "status", "errors"), header.subList(header.size() - 9, header.size()));
        for (Map<String, String> row : Samples.readCsv(out)) {
            double entropy = Double.parseDouble(row.get("entropy"));
            double mi = Double.parseDouble(row.get("mutual_info"));
            assertTrue(mi >= 0 && mi <= entropy + 1e-6 && entropy <= Math.log(2) + 1e-6, row.toString());
        }
        JsonNode record = new ObjectMapper().readTree(dir.resolve("mc.csv.run.json").toFile());
        assertEquals(5, record.get("seed").asLong());
        assertEquals(20, record.get("settings").get("mc_passes").asInt());
    }

    @Test
    void askingForAGpuWhereTheEngineSeesNoneIsAClearExit2() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.predictbench.inference.TorchRuntime.gpuCount() == 0,
                "this machine has a GPU");
        CliRun run = CliRun.of("score", BUNDLE.toString(), "--input", UNSEEN.toString(), "--output",
                dir.resolve("gpu.csv").toString(), "--device", "gpu");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--device gpu: the PyTorch engine sees no GPU"), run.err());
        assertFalse(Files.exists(dir.resolve("gpu.csv")));
    }

    @Test
    void helpDescribesTheCommand() {
        CliRun run = CliRun.of("score", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("--mc-passes") && run.out().contains("--batch-size"), run.out());
    }

    /** A copy of the unseen rows with two cells replaced (1-based data rows). */
    private Path copyWithEdits(int rowA, String columnA, String valueA, int rowB, String columnB, String valueB)
            throws IOException {
        List<String> lines = Files.readAllLines(UNSEEN);
        List<String> header = Samples.header(UNSEEN);
        lines.set(rowA, replaceCell(lines.get(rowA), header.indexOf(columnA), valueA));
        lines.set(rowB, replaceCell(lines.get(rowB), header.indexOf(columnB), valueB));
        Path copy = dir.resolve("edited.csv");
        Files.write(copy, lines);
        return copy;
    }

    private static String replaceCell(String line, int column, String value) {
        String[] cells = line.split(",", -1);
        cells[column] = value;
        return String.join(",", cells);
    }

    // --- Outputs never destroy inputs (issue 23) ---

    private CliRun score(Path input, Path output) {
        return CliRun.of("score", BUNDLE.toString(), "--input", input.toString(), "--output", output.toString(),
                "--device", "cpu", "--quiet");
    }

    private static void assertRefused(CliRun run, String expected) {
        assertEquals(Cli.UNUSABLE_INPUT, run.code(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void anOutputThatIsTheInputIsRefusedByNameThroughALinkAndAsAHardLink() throws IOException {
        Path input = Files.copy(UNSEEN, dir.resolve("input.csv"));
        byte[] before = Files.readAllBytes(input);
        Path hard = Files.createLink(dir.resolve("hard.csv"), input);
        Path linked = Files.createSymbolicLink(dir.resolve("linked.csv"), input);
        assertRefused(score(input, input), "is the same file as the input");
        assertRefused(score(input, hard), "hard.csv: is the same file as the input");
        assertRefused(score(input, linked), "linked.csv: is a symbolic link");
        assertRefused(score(linked, input), "input.csv: is the same file as the input");
        assertRefused(score(input, BUNDLE.resolve("reference.csv")), "is the same file as the input");
        assertArrayEquals(before, Files.readAllBytes(input), "the input is untouched");
        assertTrue(Files.isSymbolicLink(linked));
        assertFalse(Files.exists(dir.resolve("input.csv.run.json")));
        assertNoPartialFiles();
    }

    @Test
    void theRunRecordNeverReplacesTheInput() throws IOException {
        Path input = Files.copy(UNSEEN, dir.resolve("x.run.json"));
        byte[] before = Files.readAllBytes(input);
        assertRefused(score(input, dir.resolve("x")), "x.run.json: is the same file as the input");
        assertArrayEquals(before, Files.readAllBytes(input));
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written when the record would replace the input");
    }

    @Test
    void aLinkADeviceOrAFifoAsTheOutputIsRefusedAndLeftAsItWas() throws Exception {
        Path canary = Files.writeString(dir.resolve("canary.txt"), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), canary);
        assertRefused(score(UNSEEN, link), "out.csv: is a symbolic link");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));
        assertRefused(score(UNSEEN, dangling), "is a symbolic link");
        assertFalse(Files.exists(dir.resolve("nowhere.csv")));
        assertEquals("untouched", Files.readString(canary));
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(dangling));

        assertRefused(score(UNSEEN, Path.of("/dev/null")), "/dev/null: is a FIFO, device or socket");
        Path fifo = dir.resolve("fifo.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CliRun run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> score(UNSEEN, fifo));
        assertRefused(run, "fifo.csv: is a FIFO, device or socket");
        // The record is an output too: a link there is refused before scoring starts.
        Path recordLink = Files.createSymbolicLink(dir.resolve("new.csv.run.json"), canary);
        assertRefused(score(UNSEEN, dir.resolve("new.csv")), "new.csv.run.json: is a symbolic link");
        assertFalse(Files.exists(dir.resolve("new.csv")));
        assertEquals("untouched", Files.readString(canary));
        assertTrue(Files.isSymbolicLink(recordLink));
        assertNoPartialFiles();
    }

    private void assertNoPartialFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
