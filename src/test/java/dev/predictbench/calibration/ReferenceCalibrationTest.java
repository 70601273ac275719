package dev.predictbench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Against numpy/scipy textbook values (sample-models/write_reference_metrics.py) on fixed logits. */
class ReferenceCalibrationTest {

    private static final Path DIR = Path.of("src/test/resources/reference");

    static LabelledLogits load(String name) {
        List<Map<String, String>> rows = Samples.readCsv(DIR.resolve("logits_" + name + ".csv"));
        boolean binary = name.equals("binary");
        int k = binary ? 2 : rows.get(0).size() - 1;
        double[] logits = new double[rows.size() * k];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            labels[i] = Integer.parseInt(rows.get(i).get("label"));
            if (binary) {
                LabelledLogits.toLogits(new float[] {Float.parseFloat(rows.get(i).get("z"))}, false, 1, logits, i * k, k);
            } else {
                for (int c = 0; c < k; c++) {
                    logits[i * k + c] = Double.parseDouble(rows.get(i).get("z" + c));
                }
            }
        }
        return new LabelledLogits(logits, labels, k, binary ? 1 : -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multiclass"})
    void everyMetricEqualsTheTextbookValueAtEveryTemperature(String name) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(DIR.resolve("calibration.json").toFile()).get(name);
        Calibrator calibrator = new Calibrator(load(name));
        for (JsonNode at : reference.get("at")) {
            CalibrationMetrics m = calibrator.metrics(at.get("temperature").asDouble());
            String where = name + " at T=" + at.get("temperature").asDouble();
            assertEquals(at.get("nll").asDouble(), m.nll(), 1e-6, where + " nll");
            assertEquals(at.get("ece").asDouble(), m.ece(), 1e-9, where + " ece");
            assertEquals(at.get("mce").asDouble(), m.mce(), 1e-9, where + " mce");
            assertEquals(at.get("brier").asDouble(), m.brier(), 1e-9, where + " brier");
            assertEquals(at.get("accuracy").asDouble(), m.accuracy(), 1e-12, where + " accuracy");
            for (int b = 0; b < Calibrator.BINS; b++) {
                JsonNode bin = at.get("bins").get(b);
                ReliabilityBin mine = m.bins().get(b);
                assertEquals(bin.get("count").asLong(), mine.count(), where + " bin " + b);
                if (mine.count() > 0) {
                    assertEquals(bin.get("confidence").asDouble(), mine.confidence(), 1e-9);
                    assertEquals(bin.get("accuracy").asDouble(), mine.accuracy(), 1e-12);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multiclass"})
    void theFittedTemperatureEqualsScipysAndIsAnOptimum(String name) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(DIR.resolve("calibration.json").toFile()).get(name);
        Calibrator calibrator = new Calibrator(load(name));
        TemperatureFit fit = calibrator.fit();
        assertTrue(fit.converged() && !fit.atBound(), fit.toString());
        assertEquals(reference.get("fitted_temperature").asDouble(), fit.temperature(), 1e-5);
        CalibrationMetrics best = calibrator.metrics(fit.temperature());
        // Guo et al.: at the optimal temperature the NLL equals the mean entropy of the predictions.
        assertEquals(best.nll(), best.meanEntropy(), 1e-9);
        assertTrue(best.nll() <= calibrator.metrics(fit.temperature() * 1.01).nll());
        assertTrue(best.nll() <= calibrator.metrics(fit.temperature() / 1.01).nll());
    }

    @Test
    void theOverConfidentDigitsModelIsCooledDown() {
        Calibrator calibrator = new Calibrator(load("multiclass"));
        TemperatureFit fit = calibrator.fit();
        assertTrue(fit.temperature() > 1.5, "over-confident logits need T > 1: " + fit);
        assertTrue(calibrator.metrics(fit.temperature()).ece() < calibrator.metrics(1).ece());
    }

    @Test
    void theFitStaysBoundedOnSteepAndFlatLosses() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 500;
        double[] separable = new double[n * 2];
        double[] noise = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            separable[i * 2 + labels[i]] = 40;
            noise[i * 2] = random.nextGaussian() * 5;
            noise[i * 2 + 1] = random.nextGaussian() * 5;
        }
        TemperatureFit steep = new Calibrator(new LabelledLogits(separable, labels, 2, 1)).fit();
        assertEquals(Calibrator.MIN_TEMPERATURE, steep.temperature(), 1e-12, "perfectly separated: smallest T");
        assertTrue(steep.atBound());
        TemperatureFit flat = new Calibrator(new LabelledLogits(noise, labels, 2, 1)).fit();
        assertTrue(flat.temperature() > 1 && flat.temperature() <= Calibrator.MAX_TEMPERATURE, flat.toString());
        assertTrue(flat.converged());
        double[] allWrong = new double[n * 2];
        for (int i = 0; i < n; i++) {
            allWrong[i * 2 + 1 - labels[i]] = 5;
        }
        TemperatureFit wrong = new Calibrator(new LabelledLogits(allWrong, labels, 2, 1)).fit();
        assertEquals(Calibrator.MAX_TEMPERATURE, wrong.temperature(), 1e-12, "always wrong: flatten fully");
        assertFalse(Double.isNaN(wrong.temperature()));
    }

    @Test
    void eceHasABootstrapIntervalAroundIt() {
        Calibrator calibrator = new Calibrator(load("multiclass"));
        double ece = calibrator.metrics(1).ece();
        double[] interval = calibrator.eceInterval(1, 200, 0.95, 1);
        assertTrue(interval[0] <= ece && ece <= interval[1] * 1.5 && interval[0] < interval[1],
                java.util.Arrays.toString(interval) + " vs " + ece);
        assertEquals(interval[0], calibrator.eceInterval(1, 200, 0.95, 1)[0], 0.0, "seeded: repeatable");
    }

    @Test
    void perClassReliabilityCountsEveryRowOncePerClass() {
        LabelledLogits data = load("multiclass");
        List<List<ReliabilityBin>> perClass = new Calibrator(data).perClassReliability(1);
        assertEquals(10, perClass.size());
        for (List<ReliabilityBin> bins : perClass) {
            assertEquals(data.rows(), bins.stream().mapToLong(ReliabilityBin::count).sum());
        }
    }
}
