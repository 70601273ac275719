package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.Standardize;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

    private static final String VALID = """
            {"format": "predictbench-bundle", "format_version": 1, "name": "clinic-risk", "version": "1.0.0",
             "model": {"file": "model.pt", "output": "logits"},
             "task": {"type": "multiclass", "classes": ["low", "medium", "high"], "target": "risk"},
             "features": [
               {"name": "age", "type": "number", "min": 0, "max": 120},
               {"name": "region", "type": "category"},
               {"name": "bmi", "type": "number", "missing": {"fill": 24.5}}],
             "preprocessing": [
               {"op": "standardize", "columns": ["age", "bmi"], "mean": [44.1, 26.3], "scale": [15.2, 4.9]},
               {"op": "one_hot", "column": "region", "categories": ["west", "north", "east", "south"]}],
             "calibration": {"temperature": 1.5}}
            """;

    @Test
    void readsTheFormatPagesFields() {
        Manifest manifest = ManifestReader.read(VALID, "bundle.json");
        assertEquals("clinic-risk", manifest.name());
        assertEquals(TaskType.MULTICLASS, manifest.task().type());
        assertEquals(List.of("low", "medium", "high"), manifest.task().classes());
        assertEquals(1.5, manifest.temperature());
        assertEquals(6, manifest.inputWidth());
        assertEquals("24.5", manifest.features().get(2).fill());
        assertEquals(120.0, manifest.features().get(0).max());
        Standardize standardize = (Standardize) manifest.preprocessing().get(0);
        assertEquals(15.2, standardize.scale()[0]);
        OneHot oneHot = (OneHot) manifest.preprocessing().get(1);
        assertEquals(List.of("west", "north", "east", "south"), oneHot.categories(), "training order is kept");
        assertEquals(List.of(), manifest.warnings());
    }

    @Test
    void everyErrorIsReportedWithItsJsonPath() {
        String broken = VALID.replace("\"categories\": [\"west\", \"north\", \"east\", \"south\"]", "\"unknown\": \"error\"")
                .replace("\"scale\": [15.2, 4.9]", "\"scale\": [15.2]")
                .replace("\"format_version\": 1", "\"format_version\": 2");
        InputException error = assertThrows(InputException.class, () -> ManifestReader.read(broken, "b/bundle.json"));
        String message = error.getMessage();
        assertTrue(message.startsWith("b/bundle.json: "), message);
        assertTrue(message.contains("preprocessing[1].categories: required"), message);
        assertTrue(message.contains("preprocessing[0].scale: has 1 entries for 2 columns"), message);
        assertTrue(message.contains("format_version: this PredictBench reads version 1, the bundle is version 2"),
                message);
    }

    @Test
    void unknownFieldsAreWarningsNotErrors() {
        Manifest manifest = ManifestReader.read(VALID.replace("\"name\": \"clinic-risk\",",
                "\"name\": \"clinic-risk\", \"owner\": \"ds-team\","), "bundle.json");
        assertEquals(List.of("owner: unknown field, ignored"), manifest.warnings());
    }

    @Test
    void preprocessingMustReadDeclaredFeaturesOfTheRightType() {
        String broken = VALID.replace("\"columns\": [\"age\", \"bmi\"]", "\"columns\": [\"age\", \"region\"]")
                .replace("\"column\": \"region\"", "\"column\": \"postcode\"");
        String message = assertThrows(InputException.class, () -> ManifestReader.read(broken, "bundle.json"))
                .getMessage();
        assertTrue(message.contains("preprocessing[0].columns: \"region\" is a category feature; this op needs numbers"),
                message);
        assertTrue(message.contains("preprocessing[1].column: \"postcode\" is not a declared feature"), message);
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        String message = assertThrows(InputException.class, () -> ManifestReader.read("{\n \"name\": ,}", "x.json"))
                .getMessage();
        assertTrue(message.startsWith("x.json: not valid JSON (line 2"), message);
    }

    @Test
    void refusesAnythingAfterTheManifestObject() {
        String message = assertThrows(InputException.class,
                () -> ManifestReader.read(VALID.strip() + "{{{", "x.json")).getMessage();
        assertTrue(message.startsWith("x.json: not valid JSON (line "), message);
        assertTrue(message.contains("after the manifest"), message);
    }
    private static String error(String json) {
        String message = assertThrows(InputException.class, () -> ManifestReader.read(json, "b/bundle.json"))
                .getMessage();
        assertTrue(message.startsWith("b/bundle.json: "), message);
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotPickedSilently() {
        String message = error(VALID.replace("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", \"version\": \"6.6.6\","));
        assertTrue(message.contains("the key \"version\" appears twice in one object"), message);
        assertTrue(message.contains("(line 1, column"), message);
    }

    @Test
    void deepNestingAndHugeNumbersAreRefusedInOneLineWithoutCrashing() {
        String deep = VALID.replace("\"version\": \"1.0.0\",",
                "\"version\": \"1.0.0\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + ",");
        assertTrue(error(deep).contains("nested more than " + ManifestReader.MAX_DEPTH + " levels deep"));
        String digits = VALID.replace("\"format_version\": 1", "\"format_version\": 1" + "0".repeat(5_000));
        assertTrue(error(digits).contains("a number longer than " + ManifestReader.MAX_NUMBER_LENGTH + " characters"));
        String overflow = VALID.replace("\"mean\": [44.1, 26.3]", "\"mean\": [1e400, 26.3]");
        assertTrue(error(overflow).contains("preprocessing[0].mean[0]: expected a finite number, found one beyond"),
                error(overflow));
    }

    @Test
    void constantsThatCannotComputeAreRefusedNamingTheField() {
        for (String[] c : new String[][] {
                {"\"scale\": [15.2, 4.9]", "\"scale\": [15.2, 5e-324]", "preprocessing[0].scale: entry 1 is 4.9E-324"},
                {"\"scale\": [15.2, 4.9]", "\"scale\": [-15.2, 4.9]", "preprocessing[0].scale: entry 0 is -15.2"},
                {"\"scale\": [15.2, 4.9]", "\"scale\": [15.2, 0]", "preprocessing[0].scale: entry 1 is 0.0"},
                {"\"temperature\": 1.5", "\"temperature\": 5e-324", "calibration.temperature: must be a positive, normal, finite number"},
                {"\"min\": 0, \"max\": 120", "\"min\": 0, \"max\": 1e999", "features[0].max: expected a finite number"},
        }) {
            assertTrue(VALID.contains(c[0]), c[0]);
            String message = error(VALID.replace(c[0], c[1]));
            assertTrue(message.contains(c[2]), message);
        }
        String minmax = VALID.replace("{\"op\": \"standardize\", \"columns\": [\"age\", \"bmi\"], \"mean\": [44.1, 26.3],"
                + " \"scale\": [15.2, 4.9]}", "{\"op\": \"minmax\", \"columns\": [\"age\", \"bmi\"], \"min\": [10, 30],"
                + " \"max\": [5, 40]}");
        assertTrue(error(minmax).contains("preprocessing[0]: entry 0: min 10.0 is greater than max 5.0"),
                error(minmax));
        String overflowingSpan = minmax.replace("\"min\": [10, 30], \"max\": [5, 40]",
                "\"min\": [-1.5e308, 30], \"max\": [1.5e308, 40]");
        assertTrue(error(overflowingSpan).contains("entry 0: max - min overflows"), error(overflowingSpan));
        // A constant column (min = max) is what scikit-learn scales by 1: it stays accepted.
        ManifestReader.read(minmax.replace("\"min\": [10, 30], \"max\": [5, 40]", "\"min\": [10, 30], \"max\": [10, 40]"),
                "b/bundle.json");
    }

    @Test
    void aQuantizationScaleMustBeAPositiveNormalNumber() {
        String quantized = VALID.replace("\"output\": \"logits\"}", "\"output\": \"logits\", \"quantization\":"
                + " {\"scheme\": \"static-int8\", \"input_scale\": 5e-324, \"input_zero_point\": 0}}");
        assertTrue(error(quantized).contains("model.quantization.input_scale: must be > 0 and at least"),
                error(quantized));
    }
    @Test
    void constantsReadFromAScikitLearnFileAreCheckedToo() {
        String sklearn = VALID.replace("{\"op\": \"standardize\", \"columns\": [\"age\", \"bmi\"], \"mean\": [44.1, 26.3],"
                + " \"scale\": [15.2, 4.9]}", "{\"op\": \"sklearn\", \"file\": \"scaler.pkl\", \"columns\": [\"age\", \"bmi\"]}");
        InputException error = assertThrows(InputException.class, () -> ManifestReader.read(sklearn, "b/bundle.json",
                (file, columns, item) -> new dev.predictbench.preprocess.SklearnStep(file, columns, "StandardScaler",
                        List.of(new Standardize(columns, new double[] {44.1, 26.3}, new double[] {15.2, 5e-324})),
                        java.util.Map.of())));
        assertTrue(error.getMessage().contains("preprocessing[0].file: scaler.pkl: StandardScaler: scale entry 1 is"
                + " 4.9E-324"), error.getMessage());
    }
}
