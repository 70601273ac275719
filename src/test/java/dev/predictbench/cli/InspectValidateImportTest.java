package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectValidateImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void inspectJsonDescribesTheBundleAndItsCheckedModel() throws IOException {
        CliRun run = CliRun.of("inspect", Samples.CLINIC_RISK.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals("clinic-risk", json.get("name").asText());
        assertEquals("multiclass", json.get("task").get("type").asText());
        assertEquals(21, json.get("model").get("input_width").asInt());
        assertEquals(3, json.get("model").get("output_width").asInt());
        assertTrue(json.get("model").get("sha256_checked").asBoolean());
        assertEquals("none", json.get("model").get("quantization").get("scheme").asText());
        assertEquals(8, json.get("features").size());
        assertEquals("bag_of_words", json.get("preprocessing").get(6).get("op").asText());
        assertEquals("pregnant-male", json.get("rules").get(0).get("name").asText());
        assertEquals(1.0, json.get("temperature").asDouble());
        assertEquals("cpu", json.get("engine").get("device").asText());
        assertEquals("2.5.1", json.get("engine").get("libtorch").asText());
    }

    @Test
    void inspectTextNamesTheEssentials() {
        CliRun run = CliRun.of("inspect", Samples.BREAST_CANCER.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("binary [benign, malignant], positive class malignant"), run.out());
        assertTrue(run.out().contains("30 floats in, 1 per row out"), run.out());
    }

    @Test
    void validateJsonCountsRowsPerLevelAndFailuresPerCheck() throws IOException {
        Path report = dir.resolve("failures.csv");
        CliRun run = CliRun.of("validate", Samples.CLINIC_RISK.toString(), "--input",
                Samples.CLINIC_RISK.resolve("failures.csv").toString(), "--json", "--report", report.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode json = JSON.readTree(run.out());
        List<Map<String, String>> expected = Samples.readCsv(Samples.CLINIC_RISK.resolve("golden/failures_expected.csv"));
        assertEquals(15, json.get("rows").asInt());
        assertEquals(expected.size(), json.get("invalid").asInt(), "one failure per broken row");
        assertEquals(15 - expected.size(), json.get("valid").asInt());
        for (String level : List.of("structure", "range", "rule")) {
            long rows = expected.stream().filter(r -> r.get("level").equals(level)).count();
            assertEquals(rows, json.get("by_level").get(level).asLong(), level);
        }
        for (Map<String, String> failure : expected) {
            assertEquals(1, json.get("by_check").get(failure.get("check")).asInt(), failure.get("check"));
        }
        List<Map<String, String>> lines = Samples.readCsv(report);
        assertEquals(expected.size(), lines.size());
        assertEquals(List.of("row", "column", "level", "check", "value", "message"), Samples.header(report));
        assertEquals("a male patient cannot be pregnant", lines.stream()
                .filter(l -> l.get("check").equals("pregnant-male")).findFirst().orElseThrow().get("message"));
    }

    @Test
    void validateExitsOneOnlyWhenAskedToFailOnInvalidRows() {
        String bundle = Samples.CLINIC_RISK.toString();
        String failures = Samples.CLINIC_RISK.resolve("failures.csv").toString();
        String valid = Samples.CLINIC_RISK.resolve("valid.csv").toString();
        assertEquals(1, CliRun.of("validate", bundle, "--input", failures, "--fail-on-invalid", "--quiet").code());
        assertEquals(0, CliRun.of("validate", bundle, "--input", valid, "--fail-on-invalid", "--quiet").code());
        CliRun text = CliRun.of("validate", bundle, "--input", failures, "--quiet");
        assertEquals(0, text.code());
        assertTrue(text.out().contains("row 7, pregnant-male [rule, pregnant-male]: a male patient cannot be pregnant"),
                text.out());
    }

    @Test
    void validateRefusesAFileWithoutTheFeaturesAndWritesNoReport() throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "name,city\nAda,London\n");
        Path report = dir.resolve("report.csv");
        CliRun run = CliRun.of("validate", Samples.CLINIC_RISK.toString(), "--input", csv.toString(), "--report",
                report.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("header lacks 8 of the model's 8 features"), run.err());
        assertFalse(Files.exists(report));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial report left behind");
        }
    }

    @Test
    void importTurnsABareModelAndScalerIntoABundleThatScoresLikeTheOriginal() throws IOException {
        Path example = Path.of("sample-models", "import-example");
        Path out = dir.resolve("imported");
        CliRun run = CliRun.of("import", "--model", example.resolve("model.pt").toString(), "--preprocessor",
                example.resolve("scaler.pkl").toString(), "--schema-from", example.resolve("data.csv").toString(),
                "--out", out.toString(), "--classes", "benign,malignant");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("binary [benign, malignant], 30 features, input width 30"), run.out());

        Path scored = dir.resolve("scored.csv");
        assertEquals(0, CliRun.of("score", out.toString(), "--input", example.resolve("data.csv").toString(),
                "--output", scored.toString(), "--quiet").code());
        List<Map<String, String>> golden = Samples.readCsv(Samples.BREAST_CANCER.resolve("golden/unseen_outputs.csv"));
        List<Map<String, String>> rows = Samples.readCsv(scored);
        assertEquals(golden.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Double.parseDouble(golden.get(i).get("p_malignant")),
                    Double.parseDouble(rows.get(i).get("p_malignant")), 1e-5);
        }
    }

    @Test
    void importAttachesTheTrainingStacksOutputsAsAParityCertificateOrRefusesTheBundle() throws IOException {
        Path example = Path.of("sample-models", "import-example");
        Path expected = Samples.BREAST_CANCER.resolve("parity.csv");
        Path out = dir.resolve("certified");
        CliRun run = CliRun.of("import", "--model", example.resolve("model.pt").toString(), "--preprocessor",
                example.resolve("scaler.pkl").toString(), "--schema-from", example.resolve("data.csv").toString(),
                "--out", out.toString(), "--classes", "benign,malignant", "--expected", expected.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Checked parity: 200 rows reproduce the training stack"), run.out());
        CliRun inspect = CliRun.of("inspect", out.toString());
        assertTrue(inspect.out().contains("Parity:        parity.csv: 200 rows reproduce the training stack"),
                inspect.out());

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(expected));
        lines.set(7, lines.get(7).substring(0, lines.get(7).lastIndexOf(',')) + ",0.5");
        Path wrong = dir.resolve("wrong.csv");
        Files.write(wrong, lines);
        Path refused = dir.resolve("refused");
        run = CliRun.of("import", "--model", example.resolve("model.pt").toString(), "--preprocessor",
                example.resolve("scaler.pkl").toString(), "--schema-from", example.resolve("data.csv").toString(),
                "--out", refused.toString(), "--classes", "benign,malignant", "--expected", wrong.toString());
        assertEquals(2, run.code(), run.out());
        assertTrue(run.err().contains("row 7, column \"p_malignant\": the training stack computed 0.5"), run.err());
        assertFalse(Files.exists(refused), "no bundle is written when parity fails");
    }

    @Test
    void importRefusesAHostilePickleAndLeavesNothingBehind() throws IOException {
        Path example = Path.of("sample-models", "import-example");
        Path out = dir.resolve("imported");
        CliRun run = CliRun.of("import", "--model", example.resolve("model.pt").toString(), "--preprocessor",
                "src/test/resources/sklearn/hostile.pkl", "--schema-from", example.resolve("data.csv").toString(),
                "--out", out.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("os.system") && run.err().contains("refused"), run.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aHandWrittenBundleFollowsTheSameContract() throws IOException {
        // Written from docs/bundle-format.md by hand: features in another order, no sha256, an unknown field,
        // the clinic model with its preprocessing typed out. Only model.pt comes from the sample.
        Path bundle = Files.createDirectories(dir.resolve("by-hand"));
        Files.copy(Samples.CLINIC_RISK.resolve("model.pt"), bundle.resolve("model.pt"));
        JsonNode sample = JSON.readTree(Samples.CLINIC_RISK.resolve("bundle.json").toFile());
        JsonNode steps = sample.get("preprocessing");
        Files.writeString(bundle.resolve("bundle.json"), """
                {"format": "predictbench-bundle", "format_version": 1, "name": "by-hand",
                 "owner": "analytics team",
                 "model": {"file": "model.pt"},
                 "task": {"type": "multiclass", "classes": ["low", "medium", "high"]},
                 "features": [
                   {"name": "notes", "type": "text", "missing": {"fill": ""}},
                   {"name": "region", "type": "category"},
                   {"name": "smoker", "type": "category"},
                   {"name": "sex", "type": "category", "values": ["F", "M"]},
                   {"name": "pregnant", "type": "integer", "min": 0, "max": 1},
                   {"name": "systolic_bp", "type": "number"},
                   {"name": "bmi", "type": "number", "missing": {"fill": 24.5}},
                   {"name": "age", "type": "number", "min": 0, "max": 120}],
                 "preprocessing": %s,
                 "rules": [{"name": "pregnant-male", "rule": "!(sex == 'M' && pregnant == 1)",
                            "message": "a male patient cannot be pregnant"}]}
                """.formatted(steps.toString()));
        CliRun inspect = CliRun.of("inspect", bundle.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.err().contains("warning: owner: unknown field, ignored"), inspect.err());

        CliRun validate = CliRun.of("validate", bundle.toString(), "--input",
                Samples.CLINIC_RISK.resolve("failures.csv").toString(), "--json");
        JsonNode counts = JSON.readTree(validate.out());
        assertEquals(1, counts.get("by_check").get("pregnant-male").asInt());

        Path scored = dir.resolve("scored.csv");
        assertEquals(0, CliRun.of("score", bundle.toString(), "--input",
                Samples.CLINIC_RISK.resolve("valid.csv").toString(), "--output", scored.toString(), "--quiet").code());
        List<Map<String, String>> golden = Samples.readCsv(Samples.CLINIC_RISK.resolve("golden/valid_outputs.csv"));
        List<Map<String, String>> rows = Samples.readCsv(scored);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(golden.get(i).get("prediction"), rows.get(i).get("prediction"));
            assertEquals(Double.parseDouble(golden.get(i).get("p_high")), Double.parseDouble(rows.get(i).get("p_high")),
                    1e-5);
        }
    }
    @Test
    void validateRefusesAReportThatWouldReplaceItsInput() throws IOException {
        Path input = Files.copy(Samples.CLINIC_RISK.resolve("valid.csv"), dir.resolve("input.csv"));
        byte[] before = Files.readAllBytes(input);
        Path hard = Files.createLink(dir.resolve("hard.csv"), input);
        for (Path report : List.of(input, hard)) {
            CliRun run = CliRun.of("validate", Samples.CLINIC_RISK.toString(), "--input", input.toString(), "--report",
                    report.toString());
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(report + ": is the same file as the input"), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(input));
    }
    @Test
    void importRefusesAnOutputFolderThatIsALink() throws IOException {
        Path example = Path.of("sample-models", "import-example");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        for (Path out : List.of(Files.createSymbolicLink(dir.resolve("linked"), elsewhere),
                Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere")))) {
            CliRun run = CliRun.of("import", "--model", example.resolve("model.pt").toString(), "--preprocessor",
                    example.resolve("scaler.pkl").toString(), "--schema-from", example.resolve("data.csv").toString(),
                    "--out", out.toString(), "--classes", "benign,malignant");
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(out + ": is a symbolic link"), run.err());
            assertTrue(Files.isSymbolicLink(out));
        }
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing written through the link");
        }
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }
}
