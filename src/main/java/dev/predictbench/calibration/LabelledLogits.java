package dev.predictbench.calibration;

/**
 * A labelled validation set as the calibration maths sees it: one logit per class
 * per row (row-major, in the bundle's class order) and the true class of each row.
 * A single-logit binary model is stored as logits (0, z), so softmax gives exactly
 * sigmoid(z / T) for the positive class and every formula stays the softmax one.
 *
 * @param positive the positive class of a binary task (its probability is what the
 *                 Brier score uses), or -1 for multiclass
 */
public record LabelledLogits(double[] logits, int[] labels, int classes, int positive) {

    public LabelledLogits {
        if (logits.length != labels.length * classes) {
            throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " rows of " + classes);
        }
    }

    public int rows() {
        return labels.length;
    }

    public boolean binary() {
        return positive >= 0;
    }

    /** Logits from a model's raw outputs for one row, by what the model returns. */
    public static void toLogits(float[] outputs, boolean outputsProbabilities, int positive, double[] into, int at,
                                int classes) {
        if (outputs.length == 1) {
            double z = outputsProbabilities ? TemperatureScaling.logit(clamp(outputs[0])) : outputs[0];
            into[at + positive] = z;
            into[at + 1 - positive] = 0;
            return;
        }
        for (int k = 0; k < classes; k++) {
            into[at + k] = outputsProbabilities ? Math.log(clamp(outputs[k])) : outputs[k];
        }
    }

    private static double clamp(double p) {
        return Math.min(1 - 1e-15, Math.max(1e-300, p));
    }
}
