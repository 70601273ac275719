package dev.predictbench.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * Equal-width bins over [0, 1] where a value c falls in the bin (lower, upper]; 0
 * itself goes to the first bin. Edges are i / n, compared exactly as written, so a
 * value on an edge lands where the textbook definition puts it.
 */
final class Bins {

    private final int n;
    private final long[] count;
    private final double[] confidence;
    private final double[] correct;

    Bins(int n) {
        this.n = n;
        this.count = new long[n];
        this.confidence = new double[n];
        this.correct = new double[n];
    }

    static int index(double c, int n) {
        int b = Math.max(0, Math.min(n - 1, (int) Math.ceil(c * n) - 1));
        while (b > 0 && c <= (double) b / n) {
            b--;
        }
        while (b < n - 1 && c > (double) (b + 1) / n) {
            b++;
        }
        return b;
    }

    void add(double c, double outcome) {
        int b = index(c, n);
        count[b]++;
        confidence[b] += c;
        correct[b] += outcome;
    }

    void merge(Bins other) {
        for (int b = 0; b < n; b++) {
            count[b] += other.count[b];
            confidence[b] += other.confidence[b];
            correct[b] += other.correct[b];
        }
    }

    /** Expected calibration error: the count-weighted mean gap. */
    double ece(long total) {
        double ece = 0;
        for (int b = 0; b < n; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] / count[b] - confidence[b] / count[b]) * count[b] / total;
            }
        }
        return ece;
    }

    /** Maximum calibration error over the non-empty bins. */
    double mce() {
        double mce = 0;
        for (int b = 0; b < n; b++) {
            if (count[b] > 0) {
                mce = Math.max(mce, Math.abs(correct[b] / count[b] - confidence[b] / count[b]));
            }
        }
        return mce;
    }

    List<ReliabilityBin> toList() {
        List<ReliabilityBin> bins = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            bins.add(new ReliabilityBin((double) b / n, (double) (b + 1) / n, count[b],
                    count[b] == 0 ? Double.NaN : confidence[b] / count[b],
                    count[b] == 0 ? Double.NaN : correct[b] / count[b]));
        }
        return bins;
    }
}
