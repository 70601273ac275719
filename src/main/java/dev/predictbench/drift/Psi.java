package dev.predictbench.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Population stability index. Numbers: 10 bins cut at the reference's deciles (linear
 * interpolation, as numpy.quantile), a value x in (edge_i-1, edge_i]; categories: one bin
 * each. Empty shares count as 0.0001 so the logarithm stays finite. By convention a PSI
 * below 0.1 is read as no shift, 0.1 to 0.25 as moderate, above 0.25 as major.
 */
public final class Psi {

    static final double EMPTY_SHARE = 0.0001;
    public static final double MODERATE = 0.1;
    public static final double MAJOR = 0.25;

    private Psi() {
    }

    /** The 9 inner edges: the reference's 10th to 90th percentiles. */
    public static double[] decileEdges(double[] reference) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = new double[9];
        for (int i = 0; i < 9; i++) {
            edges[i] = quantile(sorted, (i + 1) / 10.0);
        }
        return edges;
    }

    /** numpy.quantile's default ("linear") on sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    /** The bin of x: the first edge it does not exceed (numpy.searchsorted, side="left"). */
    public static int bin(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public static double numeric(double[] reference, double[] current) {
        double[] edges = decileEdges(reference);
        return fromCounts(counts(edges, reference), counts(edges, current));
    }

    public static long[] counts(double[] edges, double[] values) {
        long[] counts = new long[edges.length + 1];
        for (double v : values) {
            counts[bin(edges, v)]++;
        }
        return counts;
    }

    /** PSI from bin counts of the two samples (same bins). */
    public static double fromCounts(long[] reference, long[] current) {
        long r = Arrays.stream(reference).sum();
        long c = Arrays.stream(current).sum();
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = share(reference[i], r);
            double q = share(current[i], c);
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    public static double categorical(Map<String, Long> reference, Map<String, Long> current) {
        TreeSet<String> categories = new TreeSet<>(reference.keySet());
        categories.addAll(current.keySet());
        long[] r = new long[categories.size()];
        long[] c = new long[categories.size()];
        int i = 0;
        for (String category : categories) {
            r[i] = reference.getOrDefault(category, 0L);
            c[i] = current.getOrDefault(category, 0L);
            i++;
        }
        return fromCounts(r, c);
    }

    public static Map<String, Long> tally(Iterable<String> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1L, Long::sum));
        return counts;
    }

    /** "none", "moderate" or "major", by the conventional bands 0.1 and 0.25. */
    public static String band(double psi) {
        return psi < MODERATE ? "none" : psi < MAJOR ? "moderate" : "major";
    }

    private static double share(long count, long total) {
        return count == 0 || total == 0 ? EMPTY_SHARE : (double) count / total;
    }
}
