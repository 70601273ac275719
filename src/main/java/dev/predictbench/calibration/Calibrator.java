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

    /** All metrics and the reliability bins at temperature {@code t}, in one parallel pass over the rows. */
    public CalibrationMetrics metrics(double t) {
        TemperatureScaling.require(t, "temperature");
        Totals total = chunks().map(range -> totals(range[0], range[1], 1 / t))
                .reduce(Totals::merge).orElseThrow();
        long n = data.rows();
        return new CalibrationMetrics(t, total.nll / n, total.bins.ece(n), total.bins.mce(), total.brier / n,
                (double) total.correct / n, total.entropy / n, total.bins.toList());
    }

    /** Sums over rows [from, to) at inverse temperature b. */
    private Totals totals(int from, int to, double b) {
        int k = data.classes();
        double[] z = data.logits();
        double[] p = new double[k];
        Totals total = new Totals();
        for (int i = from; i < to; i++) {
            int at = i * k;
            int y = data.labels()[i];
            double lse = softmax(z, at, k, b, p);
            total.nll += lse - b * z[at + y];
            int top = 0;
            double expected = 0;
            for (int c = 0; c < k; c++) {
                top = p[c] > p[top] ? c : top;
                expected += p[c] * z[at + c];
            }
            boolean right = top == y;
            total.correct += right ? 1 : 0;
            total.bins.add(p[top], right ? 1 : 0);
            // Entropy of softmax(b z) is lse - b * E_p[z]: exact even where some p underflow to 0.
            total.entropy += lse - b * expected;
            if (data.binary()) {
                double d = p[data.positive()] - (y == data.positive() ? 1 : 0);
                total.brier += d * d;
            } else {
                for (int c = 0; c < k; c++) {
                    double d = p[c] - (c == y ? 1 : 0);
                    total.brier += d * d;
                }
            }
        }
        return total;
    }

    /** Row ranges, one per core, so each pass uses every core. */
    private java.util.stream.Stream<int[]> chunks() {
        int n = data.rows();
        int parts = n < 20_000 ? 1 : Runtime.getRuntime().availableProcessors();
        return java.util.stream.IntStream.range(0, parts).parallel()
                .mapToObj(i -> new int[] {(int) ((long) n * i / parts), (int) ((long) n * (i + 1) / parts)});
    }

    private static final class Totals {
        final Bins bins = new Bins(BINS);
        double nll;
        double brier;
        double entropy;
        long correct;
        double first;
        double second;

        Totals merge(Totals other) {
            bins.merge(other.bins);
            nll += other.nll;
            brier += other.brier;
            entropy += other.entropy;
            correct += other.correct;
            first += other.first;
            second += other.second;
            return this;
        }
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
        // The slopes at the limits decide first whether the optimum lies beyond them: on saturated
        // logits (separable data) the slope elsewhere is too small to tell that apart from zero.
        if (derivatives(lo)[0] >= 0) {
            return new TemperatureFit(MAX_TEMPERATURE, 1, true, true);
        }
        if (derivatives(hi)[0] <= 0) {
            return new TemperatureFit(MIN_TEMPERATURE, 2, true, true);
        }
        double b = 1;
        for (int iterations = 3; iterations < 200; iterations++) {
            double[] d = derivatives(b);
            if (d[0] > 0) {
                hi = b;
            } else {
                lo = b;
            }
            double step = d[1] > 0 ? d[0] / d[1] : Double.NaN;
            if (d[0] == 0 || Math.abs(step) < 1e-12 * b || hi - lo < 1e-13 * hi) {
                return new TemperatureFit(1 / b, iterations, true, false);
            }
            double next = b - step;
            b = next > lo && next < hi ? next : Math.sqrt(lo * hi);
        }
        return new TemperatureFit(1 / b, 200, false, false);
    }

    /** First and second derivative of the mean NLL with respect to b = 1/T. */
    private double[] derivatives(double b) {
        Totals total = chunks().map(range -> slope(range[0], range[1], b)).reduce(Totals::merge).orElseThrow();
        return new double[] {total.first / data.rows(), total.second / data.rows()};
    }

    private Totals slope(int from, int to, double b) {
        int k = data.classes();
        double[] z = data.logits();
        double[] p = new double[k];
        Totals total = new Totals();
        for (int i = from; i < to; i++) {
            int at = i * k;
            softmax(z, at, k, b, p);
            double mean = 0;
            double square = 0;
            for (int c = 0; c < k; c++) {
                mean += p[c] * z[at + c];
                square += p[c] * z[at + c] * z[at + c];
            }
            total.first += mean - z[at + data.labels()[i]];
            total.second += square - mean * mean;
        }
        return total;
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
