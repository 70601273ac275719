package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bundles written by sample-models/predictbench_export.py (build_exported_bundles.py): each
 * opens with its parity rows reproduced and scores new rows as the Python that wrote it does.
 */
class ExportedBundlesTest {

    static Stream<Path> exported() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("src/test/resources/exported"))) {
            return folders.sorted().toList().stream();
        }
    }

    @org.junit.jupiter.api.Test
    void aModelWithNumbersAndCategoryIndicesAsTwoInputsGetsInt64IndicesAndRefusesAScaledInt64Input()
            throws IOException {
        Path folder = Path.of("src/test/resources/exported/embeddings-two-inputs");
        var inputs = BundleLoader.load(folder).manifest().model().inputs();
        assertEquals(List.of("numbers", "categories"), inputs.stream().map(i -> i.name()).toList());
        assertTrue(inputs.get(1).int64());

        // Declaring scaled numbers int64 would truncate them; widths must cover the row: refused on reading.
        String manifest = """
                {"format_version": 1, "name": "two-inputs",
                 "model": {"file": "model.pt", "inputs": [{"name": "numbers", "width": 2, "dtype": "int64"},
                                                          {"name": "categories", "width": %d, "dtype": "int64"}]},
                 "task": {"type": "multiclass", "classes": ["low", "medium", "high"]},
                 "features": [{"name": "income", "type": "number"}, {"name": "score", "type": "number"},
                              {"name": "region", "type": "category"}],
                 "preprocessing": [
                   {"op": "standardize", "columns": ["income", "score"], "mean": [0, 0], "scale": [1, 1]},
                   {"op": "ordinal", "column": "region", "categories": ["east", "west"]}]}
                """;
        String message = org.junit.jupiter.api.Assertions.assertThrows(dev.predictbench.InputException.class,
                () -> dev.predictbench.bundle.ManifestReader.read(manifest.formatted(1), "b.json")).getMessage();
        assertTrue(message.contains("input \"numbers\" is int64 but takes the output of a standardize step"),
                message);
        message = org.junit.jupiter.api.Assertions.assertThrows(dev.predictbench.InputException.class,
                () -> dev.predictbench.bundle.ManifestReader.read(manifest.formatted(2), "b.json")).getMessage();
        assertTrue(message.contains("the inputs' widths add up to 4, the preprocessing produces 3"), message);
    }

    @ParameterizedTest
    @MethodSource("exported")
    void opensWithItsParityReproducedAndScoresNewRowsAsPythonDoes(Path folder) {
        Bundle bundle = BundleLoader.load(folder);
        List<ScoredRow> rows = new ArrayList<>();
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            var parity = scorer.parity().orElseThrow();
            assertEquals(200, parity.rows());
            scorer.score(folder.resolve("data.csv"), ScoringOptions.defaults(), GoldenParityTest.collectInto(rows),
                    ScoringProgress.Listener.NONE, () -> false);
        }
        List<Map<String, String>> expected = Samples.readCsv(folder.resolve("expected.csv"));
        List<String> classes = bundle.manifest().task().classes();
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ScoredRow row = rows.get(i);
            assertTrue(row.valid(), "row " + row.row() + ": " + row.errors());
            if (classes.isEmpty()) {
                assertEquals(Double.parseDouble(expected.get(i).get("prediction")),
                        Double.parseDouble(row.prediction()), 1e-5, "row " + row.row());
            }
            for (int k = 0; k < classes.size(); k++) {
                assertEquals(Double.parseDouble(expected.get(i).get("p_" + classes.get(k))), row.probabilities()[k],
                        1e-5, "row " + row.row() + ", p_" + classes.get(k));
            }
        }
    }
}
