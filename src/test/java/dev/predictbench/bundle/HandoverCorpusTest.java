package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.scoring.InvalidRows;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-overs made by the real tools (sample-models/build_handover_corpus.py: scikit-learn 1.2
 * pickles and joblib files of every compression, TorchScript from torch 1.13, CSV from
 * pandas): each is imported as a user would and scored; the probabilities must equal the
 * ones Python computed within 1e-5, or the import must be refused with the documented message.
 */
class HandoverCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/handover");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> folders = Files.list(CORPUS)) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importsAndScoresLikePythonOrIsRefusedWithTheReason(String name, @TempDir Path temp) throws IOException {
        Path folder = CORPUS.resolve(name);
        JsonNode spec = new ObjectMapper().readTree(folder.resolve("case.json").toFile());
        List<BundleImporter.PreprocessorFile> files = new ArrayList<>();
        spec.get("preprocessors").forEach(f -> files.add(new BundleImporter.PreprocessorFile(
                folder.resolve(f.asText()), List.of())));
        List<String> classes = new ArrayList<>();
        spec.get("classes").forEach(c -> classes.add(c.asText()));
        var request = new BundleImporter.Request(folder.resolve("model.pt"), files, folder.resolve("data.csv"),
                temp.resolve("bundle"), name, null, classes);
        if (spec.get("expect").isObject()) {
            String message = assertThrows(InputException.class, () -> BundleImporter.run(request)).getMessage();
            assertTrue(message.contains(spec.get("expect").get("refused").asText()), message);
            assertTrue(Files.notExists(temp.resolve("bundle")), "nothing is left behind");
            return;
        }
        Bundle bundle = BundleImporter.run(request).bundle();
        int mcPasses = spec.has("mc_passes") ? spec.get("mc_passes").asInt() : 0;
        try (Scorer scorer = Scorer.open(bundle, options(mcPasses))) {
            if (mcPasses > 0) {
                assertTrue(scorer.dropoutActive(), "dropout switches on for MC passes");
                List<ScoredRow> stochastic = score(scorer, folder, mcPasses);
                assertNotEquals(0.0, stochastic.get(0).uncertainty().std()[0], "MC passes differ");
            }
            // After the dropout probe and any MC passes, plain scoring must still equal Python's.
            compare(folder, bundle, score(scorer, folder, 0));
        }
    }

    private static ScoringOptions options(int mcPasses) {
        var options = new ScoringOptions(ScoringOptions.defaults().device(), 64, null, InvalidRows.KEEP);
        return mcPasses == 0 ? options : options.withMonteCarlo(mcPasses, 7L);
    }

    private static List<ScoredRow> score(Scorer scorer, Path folder, int mcPasses) {
        List<ScoredRow> rows = new ArrayList<>();
        var summary = scorer.score(folder.resolve("data.csv"), options(mcPasses), new ScoredRowSink() {
            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
            }

            @Override
            public void accept(ScoredRow row) {
                rows.add(row);
            }
        }, ScoringProgress.Listener.NONE, () -> false);
        assertEquals(0, summary.invalidRows(), "every row of the training data is valid");
        return rows;
    }

    private static void compare(Path folder, Bundle bundle, List<ScoredRow> rows) {
        List<Map<String, String>> expected = Samples.readCsv(folder.resolve("expected.csv"));
        List<String> classes = bundle.manifest().task().classes();
        assertEquals(Samples.header(folder.resolve("expected.csv")), classes.stream().map(c -> "p_" + c).toList());
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < classes.size(); k++) {
                assertEquals(Double.parseDouble(expected.get(i).get("p_" + classes.get(k))),
                        rows.get(i).probabilities()[k], 1e-5, "row " + (i + 1) + ", p_" + classes.get(k));
            }
        }
    }
}
