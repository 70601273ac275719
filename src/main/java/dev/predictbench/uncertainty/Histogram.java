package dev.predictbench.uncertainty;

/**
 * Counts in equal-width bins over [low, high]; values outside go to the end bins so
 * nothing is dropped. Used for the distributions the workbench plots.
 */
public final class Histogram {

    private final double low;
    private final double high;
    private final long[] counts;

    public Histogram(double low, double high, int bins) {
        if (!(high > low) || bins < 1) {
            throw new IllegalArgumentException("a histogram needs low < high and at least one bin");
        }
        this.low = low;
        this.high = high;
        this.counts = new long[bins];
    }

    public void add(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        int bin = (int) Math.floor((value - low) / (high - low) * counts.length);
        counts[Math.max(0, Math.min(counts.length - 1, bin))]++;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
