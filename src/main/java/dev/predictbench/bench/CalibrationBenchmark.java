package dev.predictbench.bench;

import dev.predictbench.calibration.Calibrator;
import dev.predictbench.calibration.LabelledLogits;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the calibration lab's slider costs: all metrics and reliability bins for a new
 * temperature over N labelled rows, and a full temperature fit. Logits are random but
 * over-confident (large, mostly right), like the digits sample.
 */
public final class CalibrationBenchmark {

    /** Median and 95th-percentile milliseconds per metrics call, and the median fit time. */
    public record Result(int rows, int classes, double metricsMedianMs, double metricsP95Ms, double fitMedianMs,
                         double fittedTemperature) {
    }

    private CalibrationBenchmark() {
    }

    public static Result run(int rows, int classes) {
        SplittableRandom random = new SplittableRandom(3);
        double[] logits = new double[rows * classes];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(classes);
            int predicted = random.nextDouble() < 0.9 ? labels[i] : random.nextInt(classes);
            for (int k = 0; k < classes; k++) {
                logits[i * classes + k] = random.nextGaussian() * 2 + (k == predicted ? 12 : 0);
            }
        }
        Calibrator calibrator = new Calibrator(new LabelledLogits(logits, labels, classes, -1));
        for (int i = 0; i < 30; i++) {
            calibrator.metrics(0.5 + i * 0.1);
        }
        double[] metrics = new double[200];
        for (int i = 0; i < metrics.length; i++) {
            double t = Math.exp(Math.log(0.05) + (Math.log(20) - Math.log(0.05)) * random.nextDouble());
            long start = System.nanoTime();
            calibrator.metrics(t);
            metrics[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] fits = new double[15];
        double temperature = 0;
        for (int i = 0; i < fits.length; i++) {
            long start = System.nanoTime();
            temperature = calibrator.fit().temperature();
            fits[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(metrics);
        Arrays.sort(fits);
        return new Result(rows, classes, metrics[metrics.length / 2], metrics[(int) (metrics.length * 0.95)],
                fits[fits.length / 2], temperature);
    }
}
