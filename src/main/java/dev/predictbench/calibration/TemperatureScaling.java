package dev.predictbench.calibration;

/**
 * Turns model outputs into calibrated class probabilities: logits are divided by the
 * temperature T before the sigmoid (one logit) or the softmax (K logits).
 */
public final class TemperatureScaling {

    private TemperatureScaling() {
    }

    public static double sigmoid(double logit, double temperature) {
        double z = logit / temperature;
        // Two branches keep exp() from overflowing for large |z|.
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Writes softmax(logits / T) for {@code k} logits starting at {@code offset} into {@code out}. */
    public static void softmax(float[] logits, int offset, int k, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, logits[offset + i] / temperature);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            out[i] = Math.exp(logits[offset + i] / temperature - max);
            sum += out[i];
        }
        for (int i = 0; i < k; i++) {
            out[i] /= sum;
        }
    }

    /** The logit of a probability, so a model that outputs probabilities can be re-tempered. */
    public static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }
}
