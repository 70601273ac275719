package dev.predictbench.uncertainty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Uncertainty over a whole file, collected row by row: histograms of the per-row
 * standard deviation (of the predicted class, or of the value), predictive entropy
 * and mutual information, and the rows the model is least sure about (highest
 * mutual information for classification, highest std for regression). Memory is
 * fixed: the histograms and a bounded heap of the top rows.
 */
public final class UncertaintySummary {

    /**
     * One of the most uncertain rows.
     *
     * @param passes the predicted class's probability (or the value) in each MC pass
     */
    public record UncertainRow(long row, String prediction, double std, double entropy, double mutualInformation,
                               double[] passes) {
        double score() {
            return Double.isNaN(mutualInformation) ? std : mutualInformation;
        }
    }

    private final Histogram std;
    private final Histogram entropy;
    private final Histogram mutualInformation;
    private final int keep;
    private final PriorityQueue<UncertainRow> top = new PriorityQueue<>(Comparator.comparingDouble(UncertainRow::score));
    private long rows;

    /** @param maxEntropy ln K for K classes: the upper end of the entropy histogram */
    public UncertaintySummary(int bins, double maxStd, double maxEntropy, int keep) {
        this.std = new Histogram(0, maxStd, bins);
        this.entropy = new Histogram(0, maxEntropy, bins);
        this.mutualInformation = new Histogram(0, maxEntropy, bins);
        this.keep = keep;
    }

    /** Adds a row scored with MC passes; {@code predicted} is its class index, or 0 for regression. */
    public void add(long row, String prediction, int predicted, Uncertainty u) {
        rows++;
        double s = u.std()[predicted];
        std.add(s);
        if (!Double.isNaN(u.entropy())) {
            entropy.add(u.entropy());
            mutualInformation.add(u.mutualInformation());
        }
        int k = u.std().length;
        int n = u.passes().length / k;
        double[] passes = new double[n];
        for (int t = 0; t < n; t++) {
            passes[t] = u.passes()[t * k + predicted];
        }
        top.add(new UncertainRow(row, prediction, s, u.entropy(), u.mutualInformation(), passes));
        if (top.size() > keep) {
            top.poll();
        }
    }

    public long rows() {
        return rows;
    }

    public Histogram std() {
        return std;
    }

    public Histogram entropy() {
        return entropy;
    }

    public Histogram mutualInformation() {
        return mutualInformation;
    }

    /** The most uncertain rows, most uncertain first. */
    public List<UncertainRow> mostUncertain() {
        List<UncertainRow> sorted = new ArrayList<>(top);
        sorted.sort(Comparator.comparingDouble(UncertainRow::score).reversed());
        return sorted;
    }
}
