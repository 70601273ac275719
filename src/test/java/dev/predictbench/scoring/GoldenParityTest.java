package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.Samples.Golden;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvSource;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java pipeline against the Python training stack: preprocessing against
 * scikit-learn's transform (StandardScaler, MinMaxScaler, OneHotEncoder in training
 * order, OrdinalEncoder, TfidfVectorizer), probabilities against torch's.
 */
class GoldenParityTest {

    static List<Golden> goldens() {
        return Samples.goldens();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void preprocessingEqualsScikitLearnTransformWithin1e6(Golden golden) {
        Bundle bundle = BundleLoader.load(golden.bundle());
        var features = bundle.manifest().features();
        Preprocessor preprocessor = Preprocessor.compile(features, bundle.manifest().preprocessing());
        List<Map<String, String>> expected = Samples.readCsv(golden.bundle().resolve(golden.preprocessed()));
        List<String> names = Samples.header(golden.bundle().resolve(golden.preprocessed()));
        assertEquals(names.size(), preprocessor.width(), "model input width");
        float[] out = new float[preprocessor.width()];
        int checked = 0;
        try (CsvSource source = CsvSource.open(golden.dataFile())) {
            RowValidator validator = RowValidator.bind(bundle.manifest().schema(), source.header(), golden.data());
            ParsedRow parsed = ParsedRow.forFeatures(features.size());
            while (source.hasNext()) {
                var row = source.next();
                List<ValidationFailure> failures = new ArrayList<>();
                assertTrue(validator.validate(row.row(), row.cells(), parsed, failures), failures::toString);
                preprocessor.transform(parsed, out, 0);
                Map<String, String> want = expected.get(checked++);
                for (int i = 0; i < names.size(); i++) {
                    assertEquals(Double.parseDouble(want.get(names.get(i))), out[i], 1e-6,
                            "row " + row.row() + ", " + names.get(i));
                }
            }
        }
        assertEquals(expected.size(), checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void probabilitiesEqualTorchWithin1e5(Golden golden) {
        Bundle bundle = BundleLoader.load(golden.bundle());
        List<ScoredRow> rows = new ArrayList<>();
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            ScoringSummary summary = scorer.score(golden.dataFile(),
                    new ScoringOptions(ScoringOptions.defaults().device(), 16, null, InvalidRows.KEEP),
                    collectInto(rows), ScoringProgress.Listener.NONE, () -> false);
            assertEquals(0, summary.invalidRows());
        }
        List<Map<String, String>> expected = Samples.readCsv(golden.bundle().resolve(golden.outputs()));
        List<String> classes = bundle.manifest().task().classes();
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ScoredRow row = rows.get(i);
            Map<String, String> want = expected.get(i);
            assertEquals(want.get(golden.idColumn()), row.cells()[0]);
            assertEquals(want.get("prediction"), row.prediction(), "row " + row.row());
            for (int k = 0; k < classes.size(); k++) {
                assertEquals(Double.parseDouble(want.get("p_" + classes.get(k))), row.probabilities()[k], 1e-5,
                        "row " + row.row() + ", p_" + classes.get(k));
            }
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
