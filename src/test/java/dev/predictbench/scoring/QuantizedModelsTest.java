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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INT8 and FP16 variants of the breast-cancer network, written by its training script. */
class QuantizedModelsTest {

    private static final Path UNSEEN = Samples.BREAST_CANCER.resolve("unseen.csv");

    private static List<ScoredRow> score(Path bundlePath) {
        Bundle bundle = BundleLoader.load(bundlePath);
        List<ScoredRow> rows = new ArrayList<>();
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            scorer.score(UNSEEN, ScoringOptions.defaults(), GoldenParityTest.collectInto(rows),
                    ScoringProgress.Listener.NONE, () -> false);
        }
        return rows;
    }

    private static List<Map<String, String>> golden(Path file) {
        return Samples.readCsv(file);
    }

    @Test
    void dynamicInt8AgreesWithTheFp32OriginalOnTheClasses() {
        List<ScoredRow> int8 = score(Path.of("sample-models", "breast-cancer-int8"));
        List<Map<String, String>> fp32 = golden(Samples.BREAST_CANCER.resolve("golden/unseen_outputs.csv"));
        long agree = 0;
        for (int i = 0; i < int8.size(); i++) {
            agree += int8.get(i).prediction().equals(fp32.get(i).get("prediction")) ? 1 : 0;
        }
        double agreement = (double) agree / int8.size();
        assertTrue(agreement >= 0.98, "int8 agrees with fp32 on " + agreement + " of the rows");
    }

    @Test
    void staticInt8InputIsQuantizedExactlyAsTorchDoes() {
        Path bundle = Path.of("src/test/resources/bundles/breast-cancer-static-int8");
        assertEquals("int8", precisionOf(bundle));
        List<ScoredRow> rows = score(bundle);
        List<Map<String, String>> python = golden(bundle.resolve("unseen_outputs.csv"));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Double.parseDouble(python.get(i).get("p_malignant")), rows.get(i).probabilities()[1], 1e-5,
                    "row " + rows.get(i).row());
        }
    }

    @Test
    void anFp16ModelIsFedHalfPrecisionInput(@TempDir Path dir) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("fp16"));
        Files.copy(Path.of("src/test/resources/models/breast-cancer-fp16.pt"), bundle.resolve("model.pt"));
        Files.writeString(bundle.resolve("bundle.json"), Samples.manifestForOtherModel(Samples.BREAST_CANCER));
        assertEquals("fp16", precisionOf(bundle));
        List<ScoredRow> rows = score(bundle);
        List<Map<String, String>> fp32 = golden(Samples.BREAST_CANCER.resolve("golden/unseen_outputs.csv"));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Double.parseDouble(fp32.get(i).get("p_malignant")), rows.get(i).probabilities()[1], 0.02);
        }
    }

    private static String precisionOf(Path bundle) {
        try (Scorer scorer = Scorer.open(BundleLoader.load(bundle), ScoringOptions.defaults())) {
            return scorer.precision();
        }
    }
}
