package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import dev.predictbench.bundle.BundleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateDriftCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIGITS = Path.of("sample-models", "digits");

    @TempDir
    Path dir;

    @Test
    void calibrateFollowsTheContractAndMatchesTheReferenceTemperature() throws IOException {
        CliRun run = CliRun.of("calibrate", DIGITS.toString(), "--validation", DIGITS.resolve("validation.csv").toString(),
                "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode json = JSON.readTree(run.out());
        JsonNode reference = JSON.readTree(Path.of("src/test/resources/reference/calibration.json").toFile())
                .get("multiclass");
        assertEquals(reference.get("fitted_temperature").asDouble(), json.get("temperature").asDouble(), 1e-4);
        assertEquals(719, json.get("rows").asInt());
        assertEquals(15, json.get("bins").asInt());
        for (String side : List.of("before", "after")) {
            for (String metric : List.of("nll", "ece", "mce", "brier", "accuracy")) {
                assertTrue(json.get(side).has(metric), side + "." + metric);
            }
        }
        assertTrue(json.get("after").get("nll").asDouble() < json.get("before").get("nll").asDouble());
        assertEquals(reference.get("at").get(1).get("nll").asDouble(), json.get("before").get("nll").asDouble(), 1e-5);
    }

    @Test
    void saveWritesANewVersionAndNeverTouchesTheOriginal() throws IOException {
        byte[] original = Files.readAllBytes(DIGITS.resolve("bundle.json"));
        Path saved = dir.resolve("digits-calibrated");
        CliRun run = CliRun.of("calibrate", DIGITS.toString(), "--validation", DIGITS.resolve("validation.csv").toString(),
                "--save", saved.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertArrayEquals(original, Files.readAllBytes(DIGITS.resolve("bundle.json")));
        var bundle = BundleLoader.load(saved);
        assertEquals("1.0.1", bundle.manifest().version());
        assertEquals(2.0991, bundle.manifest().temperature(), 1e-3);
        assertTrue(run.out().contains("Saved digits 1.0.1"), run.out());
        CliRun again = CliRun.of("calibrate", DIGITS.toString(), "--validation",
                DIGITS.resolve("validation.csv").toString(), "--save", saved.toString(), "--quiet");
        assertEquals(2, again.code(), "an existing folder is never overwritten");
    }

    @Test
    void calibratingOnTrainingRowsIsFlaggedAsLeakage() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Samples.BREAST_CANCER.resolve("reference.csv")));
        lines.set(0, lines.get(0) + ",diagnosis");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + ",benign");
        }
        Path leaked = dir.resolve("leaked.csv");
        Files.write(leaked, lines.subList(0, 51));
        CliRun run = CliRun.of("calibrate", Samples.BREAST_CANCER.toString(), "--validation", leaked.toString(),
                "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        List<String> warnings = new ArrayList<>();
        JSON.readTree(run.out()).get("warnings").forEach(w -> warnings.add(w.asText()));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(
                "50 of 50 rows of leaked.csv also appear in the bundle's reference sample")), warnings.toString());
    }

    @Test
    void aLabelThatIsNotAClassIsNamedWithItsRow() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Samples.BREAST_CANCER.resolve("validation.csv")));
        lines.set(3, lines.get(3).replaceAll(",(benign|malignant)$", ",maybe"));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        CliRun run = CliRun.of("calibrate", Samples.BREAST_CANCER.toString(), "--validation", bad.toString(), "--quiet");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("row 3, column \"diagnosis\": \"maybe\" is not one of the classes"), run.err());
    }

    @Test
    void driftFollowsTheContractAndFindsNoShiftOnRowsLikeTraining() throws IOException {
        CliRun run = CliRun.of("drift", Samples.CLINIC_RISK.toString(), "--current",
                Samples.CLINIC_RISK.resolve("valid.csv").toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals(7, json.get("features").size(), "text features are not profiled");
        for (JsonNode feature : json.get("features")) {
            for (String key : List.of("name", "psi", "ks", "p_value", "drift")) {
                assertTrue(feature.has(key), key);
            }
            assertFalse(feature.get("drift").asBoolean(), feature.toString());
        }
        assertEquals("prediction", json.get("prediction").get("name").asText());
        assertEquals(0, json.get("warnings").size());
    }

    @Test
    void driftFlagsShiftedColumnsAndExplainsConsistencyProblems() throws IOException {
        List<String> lines = Files.readAllLines(Samples.CLINIC_RISK.resolve("valid.csv"));
        List<String> header = Samples.header(Samples.CLINIC_RISK.resolve("valid.csv"));
        int age = header.indexOf("age");
        int bp = header.indexOf("systolic_bp");
        List<String> shifted = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[age] = Double.toString(Double.parseDouble(cells[age]) * 12);
            cells[bp] = "120";
            shifted.add(String.join(",", cells));
        }
        Path file = dir.resolve("shifted.csv");
        Files.write(file, shifted);
        JsonNode json = JSON.readTree(CliRun.of("drift", Samples.CLINIC_RISK.toString(), "--current", file.toString(),
                "--json").out());
        JsonNode ageDrift = json.get("features").get(0);
        assertEquals("age", ageDrift.get("name").asText());
        assertTrue(ageDrift.get("drift").asBoolean());
        assertTrue(ageDrift.get("p_value").asDouble() < 1e-10);
        List<String> kinds = new ArrayList<>();
        json.get("warnings").forEach(w -> kinds.add(w.get("feature").asText() + ":" + w.get("kind").asText()));
        assertEquals(List.of("age:units", "systolic_bp:constant"), kinds);
    }
    // --- Nothing read outside the bundle, nothing copied from outside into a new one (issue 23) ---

    private Path copyOfDigits() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("digits-copy"));
        try (var files = Files.list(DIGITS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void driftRefusesAReferenceLinkedOutsideTheBundle() throws IOException {
        Path bundle = copyOfDigits();
        Path outside = Files.createDirectories(dir.resolve("outside")).resolve("secret.csv");
        Files.move(bundle.resolve("reference.csv"), outside);
        Files.createSymbolicLink(bundle.resolve("reference.csv"), outside);
        CliRun run = CliRun.of("drift", bundle.toString(), "--current", DIGITS.resolve("unseen.csv").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("reference.file: \"reference.csv\" is a symbolic link"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void saveRefusesToCopyALinkedFileAndToWriteOverALink() throws IOException {
        Path bundle = copyOfDigits();
        Path canary = Files.writeString(dir.resolve("canary.txt"), "SECRET-CONTENT");
        Files.createSymbolicLink(bundle.resolve("notes.txt"), canary);
        Path saved = dir.resolve("saved");
        CliRun run = CliRun.of("calibrate", bundle.toString(), "--validation", DIGITS.resolve("validation.csv").toString(),
                "--save", saved.toString(), "--quiet");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("notes.txt: is a symbolic link in the bundle folder"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(saved));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                    "no half-written bundle left");
        }

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        CliRun over = CliRun.of("calibrate", DIGITS.toString(), "--validation", DIGITS.resolve("validation.csv").toString(),
                "--save", dangling.toString(), "--quiet");
        assertEquals(2, over.code(), over.err());
        assertTrue(over.err().contains("dangling: already exists (a symbolic link)"), over.err());
        assertTrue(Files.isSymbolicLink(dangling) && !Files.exists(dir.resolve("nowhere")));
    }
}
