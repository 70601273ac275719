package dev.predictbench.uncertainty;

/**
 * What N Monte-Carlo dropout passes say about one row.
 *
 * @param std per class (population standard deviation over passes), or one entry for regression
 * @param entropy predictive entropy H[mean p] in nats (NaN for regression)
 * @param mutualInformation H[mean p] - mean H[p_t]: the part of the entropy due to the model's
 *                          own uncertainty (NaN for regression)
 * @param passes the pass outputs, pass-major ([t * K + k]), kept for per-row inspection
 */
public record Uncertainty(double[] std, double entropy, double mutualInformation, double[] passes) {

    /**
     * Summarises per-pass class probabilities {@code p[t * k + c]} into mean (written to
     * {@code mean}) and the uncertainty measures.
     */
    public static Uncertainty ofClassProbabilities(double[] p, int passes, int k, double[] mean) {
        double[] std = new double[k];
        double expectedEntropy = 0;
        for (int t = 0; t < passes; t++) {
            expectedEntropy += entropy(p, t * k, k);
        }
        expectedEntropy /= passes;
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int t = 0; t < passes; t++) {
                sum += p[t * k + c];
            }
            mean[c] = sum / passes;
            double squares = 0;
            for (int t = 0; t < passes; t++) {
                double d = p[t * k + c] - mean[c];
                squares += d * d;
            }
            std[c] = Math.sqrt(squares / passes);
        }
        double entropy = entropy(mean, 0, k);
        // Clamp tiny negative values from rounding: mutual information is never below zero.
        return new Uncertainty(std, entropy, Math.max(0, entropy - expectedEntropy), p);
    }

    /** Mean and standard deviation of a regression value over passes. */
    public static Uncertainty ofValues(double[] values, double[] mean) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        mean[0] = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean[0]) * (v - mean[0]);
        }
        return new Uncertainty(new double[] {Math.sqrt(squares / values.length)}, Double.NaN, Double.NaN, values);
    }

    static double entropy(double[] p, int offset, int k) {
        double h = 0;
        for (int c = 0; c < k; c++) {
            double q = p[offset + c];
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }
}
