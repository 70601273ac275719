package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvSource;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java pipeline against the outputs of the Python training stack (golden files). */
class GoldenParityTest {

    private static final Path GOLDEN = Samples.BREAST_CANCER.resolve("golden");

    @Test
    void preprocessingEqualsScikitLearnStandardScalerOutput() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        var features = bundle.manifest().features();
        Preprocessor preprocessor = Preprocessor.compile(features, bundle.manifest().preprocessing());
        List<Map<String, String>> golden = Samples.readCsv(GOLDEN.resolve("unseen_preprocessed.csv"));
        float[] out = new float[preprocessor.width()];
        int checked = 0;
        try (CsvSource source = CsvSource.open(Samples.BREAST_CANCER.resolve("unseen.csv"))) {
            RowValidator validator = RowValidator.bind(features, source.header(), "unseen.csv");
            ParsedRow parsed = ParsedRow.forFeatures(features.size());
            while (source.hasNext()) {
                var row = source.next();
                List<ValidationFailure> failures = new ArrayList<>();
                assertTrue(validator.validate(row.row(), row.cells(), parsed, failures), failures::toString);
                preprocessor.transform(parsed, out, 0);
                Map<String, String> expected = golden.get(checked++);
                for (int i = 0; i < features.size(); i++) {
                    double want = Double.parseDouble(expected.get(features.get(i).name()));
                    assertEquals(want, out[i], 1e-6, "row " + row.row() + ", " + features.get(i).name());
                }
            }
        }
        assertEquals(golden.size(), checked);
    }

    @Test
    void scoredProbabilitiesEqualPythonWithin1e5() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        List<ScoredRow> rows = new ArrayList<>();
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            ScoringSummary summary = scorer.score(Samples.BREAST_CANCER.resolve("unseen.csv"),
                    new ScoringOptions(ScoringOptions.defaults().device(), 16, null, InvalidRows.KEEP),
                    collectInto(rows), ScoringProgress.Listener.NONE, () -> false);
            assertEquals(0, summary.invalidRows());
        }
        List<Map<String, String>> golden = Samples.readCsv(GOLDEN.resolve("unseen_outputs.csv"));
        assertEquals(golden.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ScoredRow row = rows.get(i);
            Map<String, String> expected = golden.get(i);
            assertEquals(expected.get("sample_id"), row.cells()[0]);
            assertEquals(expected.get("prediction"), row.prediction(), "row " + row.row());
            assertEquals(Double.parseDouble(expected.get("p_benign")), row.probabilities()[0], 1e-5);
            assertEquals(Double.parseDouble(expected.get("p_malignant")), row.probabilities()[1], 1e-5);
        }
    }

    static ScoredRowSink collectInto(List<ScoredRow> rows) {
        return new ScoredRowSink() {
            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
            }

            @Override
            public void accept(ScoredRow row) {
                rows.add(row);
            }
        };
    }
}
