package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.uncertainty.Uncertainty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonteCarloDropoutTest {

    private static final Path UNSEEN = Samples.BREAST_CANCER.resolve("unseen.csv");

    private static List<ScoredRow> score(Bundle bundle, int passes, long seed, int batchSize) {
        List<ScoredRow> rows = new ArrayList<>();
        ScoringOptions options = new ScoringOptions(ScoringOptions.defaults().device(), batchSize, null,
                InvalidRows.KEEP, passes, seed);
        try (Scorer scorer = Scorer.open(bundle, options)) {
            scorer.score(UNSEEN, options, GoldenParityTest.collectInto(rows), ScoringProgress.Listener.NONE,
                    () -> false);
        }
        return rows;
    }

    @Test
    void passesDifferAndTheSameSeedRepeatsThemExactly() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        List<ScoredRow> first = score(bundle, 30, 11, 32);
        List<ScoredRow> again = score(bundle, 30, 11, 32);
        List<ScoredRow> other = score(bundle, 30, 12, 32);
        long varying = first.stream().filter(r -> r.uncertainty().std()[1] > 0).count();
        assertTrue(varying > first.size() / 2, "dropout makes most rows vary across passes: " + varying);
        boolean anyDifference = false;
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).uncertainty().passes(), again.get(i).uncertainty().passes(), 0.0);
            assertArrayEquals(first.get(i).probabilities(), again.get(i).probabilities(), 0.0);
            anyDifference |= first.get(i).probabilities()[1] != other.get(i).probabilities()[1];
        }
        assertTrue(anyDifference, "another seed draws other dropout masks");
    }

    @Test
    void theMeanOfThePassesStaysNearTheDeterministicPrediction() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        List<ScoredRow> mc = score(bundle, 50, 3, 1024);
        var golden = Samples.readCsv(Samples.BREAST_CANCER.resolve("golden/unseen_outputs.csv"));
        long agree = 0;
        for (int i = 0; i < mc.size(); i++) {
            ScoredRow row = mc.get(i);
            assertEquals(50 * 2, row.uncertainty().passes().length);
            assertEquals(1.0, row.probabilities()[0] + row.probabilities()[1], 1e-9);
            agree += row.prediction().equals(golden.get(i).get("prediction")) ? 1 : 0;
        }
        assertTrue(agree >= mc.size() - 3, "MC mean agrees with the deterministic class on " + agree + " rows");
    }

    @Test
    void aTracedModelIsRefusedForMcPassesWithTheReason(@TempDir Path dir) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("traced"));
        Files.copy(Path.of("src/test/resources/models/breast-cancer-traced.pt"), bundle.resolve("model.pt"));
        Files.writeString(bundle.resolve("bundle.json"), Samples.manifestForOtherModel(Samples.BREAST_CANCER));
        Bundle traced = BundleLoader.load(bundle);
        try (Scorer scorer = Scorer.open(traced, ScoringOptions.defaults())) {
            assertFalse(scorer.dropoutActive());
        }
        String message = assertThrows(InputException.class,
                () -> Scorer.open(traced, ScoringOptions.defaults().withMonteCarlo(30, 1L))).getMessage();
        assertTrue(message.contains("dropout is inactive") && message.contains("torch.jit.trace"), message);
    }

    @Test
    void summariesFollowTheTextbookDefinitions() {
        // Two passes over two classes: p1 = (0.9, 0.1), p2 = (0.5, 0.5).
        double[] mean = new double[2];
        Uncertainty u = Uncertainty.ofClassProbabilities(new double[] {0.9, 0.1, 0.5, 0.5}, 2, 2, mean);
        assertArrayEquals(new double[] {0.7, 0.3}, mean, 1e-12);
        assertArrayEquals(new double[] {0.2, 0.2}, u.std(), 1e-12);
        double entropyOfMean = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
        double meanEntropy = (-(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)) + Math.log(2)) / 2;
        assertEquals(entropyOfMean, u.entropy(), 1e-12);
        assertEquals(entropyOfMean - meanEntropy, u.mutualInformation(), 1e-12);

        double[] value = new double[1];
        Uncertainty regression = Uncertainty.ofValues(new double[] {1, 2, 3, 4}, value);
        assertEquals(2.5, value[0], 1e-12);
        assertEquals(Math.sqrt(1.25), regression.std()[0], 1e-12);
    }
}
