package dev.predictbench.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one column of a file looks like, collected while streaming: for numbers a
 * uniform sample (reservoir) for quantiles and KS, exact mean/std/min/max, and exact
 * counts in fixed bins once edges are known; for categories exact counts.
 */
public final class ColumnProfile {

    static final int SAMPLE_LIMIT = 200_000;

    private final boolean numeric;
    private final double[] edges;
    private final long[] binCounts;
    private final Map<String, Long> categories = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom(17);
    private double[] sample = new double[1024];
    private int sampled;
    private long count;
    private double mean;
    private double squares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    private ColumnProfile(boolean numeric, double[] edges) {
        this.numeric = numeric;
        this.edges = edges;
        this.binCounts = edges == null ? null : new long[edges.length + 1];
    }

    public static ColumnProfile numeric(double[] edges) {
        return new ColumnProfile(true, edges);
    }

    public static ColumnProfile categorical() {
        return new ColumnProfile(false, null);
    }

    public boolean isNumeric() {
        return numeric;
    }

    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        squares += delta * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
        if (binCounts != null) {
            binCounts[Psi.bin(edges, x)]++;
        }
        if (sampled < SAMPLE_LIMIT) {
            if (sampled == sample.length) {
                sample = Arrays.copyOf(sample, Math.min(SAMPLE_LIMIT, sample.length * 2));
            }
            sample[sampled++] = x;
        } else {
            long slot = random.nextLong(count);
            if (slot < SAMPLE_LIMIT) {
                sample[(int) slot] = x;
            }
        }
    }

    public void add(String category) {
        count++;
        categories.merge(category, 1L, Long::sum);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation. */
    public double std() {
        return count > 0 ? Math.sqrt(squares / count) : Double.NaN;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double[] sample() {
        return Arrays.copyOf(sample, sampled);
    }

    public long[] binCounts() {
        return binCounts.clone();
    }

    public Map<String, Long> categories() {
        return Map.copyOf(categories);
    }
}
