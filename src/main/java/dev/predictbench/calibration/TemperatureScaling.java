package dev.predictbench.calibration;

/**
 * Turns model outputs into calibrated class probabilities: logits are divided by the
 * temperature T before the sigmoid (one logit) or the softmax (K logits).
 */
public final class TemperatureScaling {

    private TemperatureScaling() {
    }

    /**
     * Why {@code t} cannot be a temperature, or null when it can. It must be a positive, normal,
     * finite number: logits divided by a subnormal temperature (5e-324) overflow to infinity and
     * the softmax of infinities is NaN. Every place a temperature enters (option, manifest, the
     * calibration lab, a saved bundle) asks this.
     */
    public static String problem(double t) {
        if (Double.isFinite(t) && t >= Double.MIN_NORMAL) {
            return null;
        }
        return "must be a positive, normal, finite number (at least " + Double.MIN_NORMAL + "), found " + t;
    }

    /** Returns {@code t}, or throws IllegalArgumentException naming {@code what} when {@link #problem} finds one. */
    public static double require(double t, String what) {
        String problem = problem(t);
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + problem);
        }
        return t;
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
