package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.predictbench.InputException;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native bag_of_words ops with n-grams score as scikit-learn does (vocabulary, idf and
 * transforms from sample-models/write_sklearn_parameter_fixtures.py), and a vocabulary term
 * that no text can produce is refused at load instead of scoring as absent on every row.
 */
class BagOfWordsNgramsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String manifest(JsonNode op) {
        return """
                {"format": "predictbench-bundle", "format_version": 1, "name": "notes", "version": "1.0.0",
                 "model": {"file": "model.pt", "output": "logits"},
                 "task": {"type": "binary", "classes": ["no", "yes"]},
                 "features": [{"name": "notes", "type": "text"}],
                 "preprocessing": [%s]}
                """.formatted(op.toString());
    }

    @Test
    void nGramsScoreAsScikitLearnComputesThem() throws IOException {
        JsonNode cases = JSON.readTree(Path.of("src/test/resources/sklearn/params/bag_of_words_ngrams.json")
                .toFile());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            Manifest manifest = ManifestReader.read(manifest(c.get("op")), name + "/bundle.json");
            assertEquals(java.util.List.of(), manifest.warnings(), name);
            Preprocessor preprocessor = Preprocessor.compile(manifest.features(), manifest.preprocessing());
            ParsedRow row = ParsedRow.forFeatures(1);
            float[] out = new float[preprocessor.width()];
            for (int r = 0; r < c.get("texts").size(); r++) {
                row.texts()[0] = c.get("texts").get(r).asText();
                preprocessor.transform(row, out, 0);
                JsonNode want = c.get("transform").get(r);
                assertEquals(want.size(), out.length, name);
                for (int k = 0; k < out.length; k++) {
                    assertEquals(want.get(k).asDouble(), out[k], 1e-6, name + ": \"" + row.texts()[0] + "\", term \""
                            + c.get("op").get("vocabulary").get(k).asText() + "\"");
                }
            }
        }
    }

    @Test
    void aBigramWithoutNgramRangeIsRefusedAtLoadNamingTheTerm() {
        ObjectNode op = op("[\"cough\", \"chest pain\", \"fever\"]");
        String message = assertThrows(InputException.class, () -> ManifestReader.read(manifest(op), "b/bundle.json"))
                .getMessage();
        assertTrue(message.contains("preprocessing[0].vocabulary: 1 term(s) can never be counted, e.g. \"chest pain\""),
                message);
        assertTrue(message.contains("[\"chest\", \"pain\"]"), message);
        assertTrue(message.contains("ngram_range [1, 1]"), message);

        op.set("ngram_range", JSON.createArrayNode().add(1).add(2));
        ManifestReader.read(manifest(op), "b/bundle.json");
    }

    @Test
    void termsThatLowercasingOrThePatternRuleOutAreRefused() {
        for (String vocabulary : new String[] {"[\"Chest\", \"pain\"]", "[\"a\", \"pain\"]", "[\"chest  pain\"]",
                "[\"don't\"]", "[\" pain\"]"}) {
            ObjectNode op = op(vocabulary);
            op.set("ngram_range", JSON.createArrayNode().add(1).add(2));
            String message = assertThrows(InputException.class, () -> ManifestReader.read(manifest(op), "bundle.json"),
                    vocabulary).getMessage();
            assertTrue(message.contains("can never be counted"), message);
        }
        ObjectNode upper = op("[\"Chest\", \"pain\"]");
        upper.put("lowercase", false);
        ManifestReader.read(manifest(upper), "bundle.json");
    }

    @Test
    void anNgramRangeThatIsNotTwoWholeNumbersInOrderIsAnError() {
        for (String range : new String[] {"[2, 1]", "[0, 1]", "[1.5, 2]", "[1]", "\"1,2\""}) {
            ObjectNode op = op("[\"cough\"]");
            op.set("ngram_range", readTree(range));
            String message = assertThrows(InputException.class, () -> ManifestReader.read(manifest(op), "bundle.json"),
                    range).getMessage();
            assertTrue(message.contains("preprocessing[0].ngram_range"), message);
        }
    }

    private static ObjectNode op(String vocabulary) {
        ObjectNode op = JSON.createObjectNode();
        op.put("op", "bag_of_words");
        op.put("column", "notes");
        op.set("vocabulary", readTree(vocabulary));
        return op;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
