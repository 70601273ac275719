package dev.predictbench.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.preprocess.sklearn.SklearnParameters;
import dev.predictbench.preprocess.sklearn.SklearnSteps;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.FeatureType;
import dev.predictbench.schema.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter scikit-learn 1.2 lists for a supported class is read or refused, and
 * non-default parameters give scikit-learn's numbers or a refusal naming step, class,
 * parameter and value. Fixtures: sample-models/write_sklearn_parameter_fixtures.py.
 */
class SklearnParametersTest {

    private static final Path DIR = Path.of("src/test/resources/sklearn/params");

    @Test
    void everyParameterScikitLearnListsIsHandledAndNoOtherIs() throws IOException {
        JsonNode lists = new ObjectMapper().readTree(DIR.resolve("get_params.json").toFile());
        Map<String, Map<String, SklearnParameters.Handling>> table = SklearnParameters.table();
        assertEquals(new TreeSet<>(iterate(lists.fieldNames())), new TreeSet<>(table.keySet()),
                "the classes the importer supports");
        for (String cls : iterate(lists.fieldNames())) {
            Set<String> python = new TreeSet<>();
            lists.get(cls).forEach(p -> python.add(p.asText()));
            Set<String> neither = new TreeSet<>(python);
            neither.removeAll(table.get(cls).keySet());
            assertTrue(neither.isEmpty(), cls + ": neither read nor checked: " + neither);
            Set<String> stale = new TreeSet<>(table.get(cls).keySet());
            stale.removeAll(python);
            assertTrue(stale.isEmpty(), cls + ": not a scikit-learn 1.2 parameter: " + stale);
        }
    }

    @Test
    void theDocumentedTableListsEveryParameterAsHandled() throws IOException {
        String doc = Files.readString(Path.of("docs/bundle-format.md"));
        SklearnParameters.table().forEach((cls, parameters) -> parameters.forEach((name, handling) -> {
            String row = "| `" + cls + "` | `" + name + "` | " + handling.name().toLowerCase().replace('_', ' ') + " |";
            assertTrue(doc.contains(row), "docs/bundle-format.md lacks the row " + row);
        }));
    }

    static Stream<String> cases() throws IOException {
        return StreamSupport.stream(cases(DIR).spliterator(), false).map(c -> c.get("name").asText());
    }

    private static JsonNode cases(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("cases.json").toFile());
    }

    private static JsonNode find(String name) throws IOException {
        for (JsonNode c : cases(DIR)) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transformsLikeScikitLearnOrIsRefusedNamingStepClassParameterAndValue(String name) throws IOException {
        JsonNode spec = find(name);
        List<String> columns = new ArrayList<>();
        spec.get("columns").forEach(c -> columns.add(c.asText()));
        SklearnFile.Estimator estimator = SklearnFile.read(DIR.resolve(spec.get("file").asText()));
        if (spec.has("refused")) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> SklearnSteps.convert(estimator, columns)).getMessage();
            spec.get("refused").forEach(f -> assertTrue(message.contains(f.asText()), message));
            spec.get("absent").forEach(f -> assertFalse(message.contains(f.asText()), message));
            assertEquals(1, message.lines().count(), message);
            return;
        }
        SklearnSteps.Conversion conversion = SklearnSteps.convert(estimator, columns);
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            FeatureType type = switch (spec.get("kinds").get(i).asText()) {
                case "number" -> FeatureType.NUMBER;
                case "category" -> FeatureType.CATEGORY;
                default -> FeatureType.TEXT;
            };
            features.add(new Feature(columns.get(i), type, null, null, List.of(), null));
        }
        Preprocessor preprocessor = Preprocessor.compile(features, List.of(new SklearnStep(name, columns,
                estimator.className(), conversion.steps(), conversion.weights(), conversion.fills())));
        JsonNode expected = spec.get("transform");
        assertEquals(expected.get(0).size(), preprocessor.width(), "width");
        ParsedRow row = ParsedRow.forFeatures(columns.size());
        float[] out = new float[preprocessor.width()];
        for (int r = 0; r < expected.size(); r++) {
            JsonNode cells = spec.get("rows").get(r);
            for (int i = 0; i < columns.size(); i++) {
                JsonNode cell = cells.get(columns.get(i));
                row.numbers()[i] = cell.isNumber() ? cell.asDouble() : Double.NaN;
                row.texts()[i] = cell.isNumber() ? null : cell.asText();
            }
            preprocessor.transform(row, out, 0);
            for (int k = 0; k < out.length; k++) {
                double want = expected.get(r).get(k).asDouble();
                assertEquals(want, out[k], 1e-6 * Math.max(1, Math.abs(want)), name + " row " + r + " output " + k);
            }
        }
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
