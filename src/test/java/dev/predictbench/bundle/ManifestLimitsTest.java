package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A list of a million categories in bundle.json filled the headless heap several times over
 * once indexed; lists are read up to a documented length and refused, naming the field, past it.
 */
class ManifestLimitsTest {

    private static String withCategories(int count) throws IOException {
        String manifest = Files.readString(Path.of("sample-models/clinic-risk/bundle.json"));
        String categories = IntStream.range(0, count).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        String replaced = manifest.replaceFirst("\"categories\"\\s*:\\s*\\[[^\\]]*\\]", "\"categories\": [" + categories + "]");
        assertTrue(!replaced.equals(manifest), "the sample manifest has a categories list");
        return replaced;
    }

    @Test
    void aListLongerThanTheLimitIsRefusedNamingItsField() throws IOException {
        String json = withCategories(ManifestNode.MAX_LIST_ITEMS + 1);
        InputException e = assertThrows(InputException.class, () -> ManifestReader.read(json, "b/bundle.json"));
        assertTrue(e.getMessage().contains("categories: holds 250,001 items; PredictBench reads lists of at most"
                + " 250,000"), e.getMessage());
    }

    @Test
    void aListAtTheLimitIsRead() {
        ManifestNode list = new ManifestNode(new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode()
                .addAll(IntStream.range(0, ManifestNode.MAX_LIST_ITEMS)
                        .mapToObj(i -> (com.fasterxml.jackson.databind.JsonNode) com.fasterxml.jackson.databind.node.TextNode.valueOf("c" + i)).toList()),
                "categories", new ManifestProblems());
        assertEquals(ManifestNode.MAX_LIST_ITEMS, list.items().size());
    }
}
