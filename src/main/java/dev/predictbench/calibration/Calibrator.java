package dev.predictbench.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Temperature scaling on a labelled validation set: metrics and reliability bins for
 * any temperature (fast enough to follow a slider), per-class reliability, bootstrap
 * intervals for ECE, and the fit of the temperature that minimises the mean NLL.
 */
public final class Calibrator {

    public static final int BINS = 15;
    public static final double MIN_TEMPERATURE = 0.01;
    public static final double MAX_TEMPERATURE = 100;

    private final LabelledLogits data;

    public Calibrator(LabelledLogits data) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("no labelled rows to calibrate on");
        }
        this.data = data;
    }

    public LabelledLogits data() {
        return data;
    }

    /** All metrics and the reliability bins at temperature {@code t}, in one pass over the rows. */
    public CalibrationMetrics metrics(double t) {
        int k = data.classes();
        double[] z = data.logits();
        double[] p = new double[k];
        Bins bins = new Bins(BINS);
        double nll = 0;
        double brier = 0;
        double entropy = 0;
        long correct = 0;
        for (int i = 0; i < data.rows(); i++) {
            int at = i * k;
            int y = data.labels()[i];
            double lse = softmax(z, at, k, 1 / t, p);
            nll += lse - z[at + y] / t;
            int top = argmax(p);
            double confidence = p[top];
            boolean right = top == y;
            correct += right ? 1 : 0;
            bins.add(confidence, right ? 1 : 0);
            entropy += entropy(p, z, at, k, 1 / t, lse);
            if (data.binary()) {
                double d = p[data.positive()] - (y == data.positive() ? 1 : 0);
                brier += d * d;
            } else {
                for (int c = 0; c < k; c++) {
                    double d = p[c] - (c == y ? 1 : 0);
                    brier += d * d;
                }
            }
        }
        long n = data.rows();
        return new CalibrationMetrics(t, nll / n, bins.ece(n), bins.mce(), brier / n, (double) correct / n,
                entropy / n, bins.toList());
    }

    /** One-vs-rest reliability per class: bins of p_k against whether the label is k. */
    public List<List<ReliabilityBin>> perClassReliability(double t) {
        int k = data.classes();
        List<Bins> bins = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            bins.add(new Bins(BINS));
        }
        double[] p = new double[k];
        for (int i = 0; i < data.rows(); i++) {
            softmax(data.logits(), i * k, k, 1 / t, p);
            for (int c = 0; c < k; c++) {
                bins.get(c).add(p[c], data.labels()[i] == c ? 1 : 0);
            }
        }
        return bins.stream().map(Bins::toList).toList();
    }

    /** A percentile bootstrap interval for ECE at temperature {@code t}. */
    public double[] eceInterval(double t, int resamples, double level, long seed) {
        int k = data.classes();
        int n = data.rows();
        double[] confidence = new double[n];
        boolean[] right = new boolean[n];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            softmax(data.logits(), i * k, k, 1 / t, p);
            int top = argmax(p);
            confidence[i] = p[top];
            right[i] = top == data.labels()[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] eces = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            Bins bins = new Bins(BINS);
            for (int j = 0; j < n; j++) {
                int i = random.nextInt(n);
                bins.add(confidence[i], right[i] ? 1 : 0);
            }
            eces[r] = bins.ece(n);
        }
        Arrays.sort(eces);
        double tail = (1 - level) / 2;
        return new double[] {eces[(int) Math.floor(tail * (resamples - 1))],
                eces[(int) Math.ceil((1 - tail) * (resamples - 1))]};
    }

    /**
     * Finds the temperature that minimises the mean NLL. The NLL is convex in the inverse
     * temperature b = 1/T, so Newton's method on b, kept inside a bisection bracket, always
     * converges: T stays positive and within [0.01, 100], on flat and steep losses alike.
     */
    public TemperatureFit fit() {
        double lo = 1 / MAX_TEMPERATURE;
        double hi = 1 / MIN_TEMPERATURE;
        double[] d = derivatives(lo);
        if (d[0] >= 0) {
            return new TemperatureFit(MAX_TEMPERATURE, 0, true, true);
        }
        d = derivatives(hi);
        if (d[0] <= 0) {
            return new TemperatureFit(MIN_TEMPERATURE, 0, true, true);
        }
        double b = 1;
        int iterations = 0;
        while (iterations++ < 100) {
            d = derivatives(b);
            if (d[0] > 0) {
                hi = b;
            } else {
                lo = b;
            }
            if (Math.abs(d[0]) < 1e-13 || hi - lo < 1e-13 * hi) {
                return new TemperatureFit(1 / b, iterations, true, false);
            }
            double next = d[1] > 0 ? b - d[0] / d[1] : Double.NaN;
            b = next > lo && next < hi ? next : (lo + hi) / 2;
        }
        return new TemperatureFit(1 / b, iterations, false, false);
    }

    /** First and second derivative of the mean NLL with respect to b = 1/T. */
    private double[] derivatives(double b) {
        int k = data.classes();
        double[] z = data.logits();
        double[] p = new double[k];
        double first = 0;
        double second = 0;
        for (int i = 0; i < data.rows(); i++) {
            int at = i * k;
            softmax(z, at, k, b, p);
            double mean = 0;
            double square = 0;
            for (int c = 0; c < k; c++) {
                mean += p[c] * z[at + c];
                square += p[c] * z[at + c] * z[at + c];
            }
            first += mean - z[at + data.labels()[i]];
            second += square - mean * mean;
        }
        return new double[] {first / data.rows(), second / data.rows()};
    }

    /** softmax(b * z) into p; returns log-sum-exp(b * z) for the NLL. */
    private static double softmax(double[] z, int at, int k, double b, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, b * z[at + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(b * z[at + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return max + Math.log(sum);
    }

    /** Entropy of softmax(b z) computed from log-probabilities, exact even when some p underflow. */
    private static double entropy(double[] p, double[] z, int at, int k, double b, double lse) {
        double h = 0;
        for (int c = 0; c < k; c++) {
            if (p[c] > 0) {
                h -= p[c] * (b * z[at + c] - lse);
            }
        }
        return h;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
