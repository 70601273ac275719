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
}
