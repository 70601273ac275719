package dev.predictbench.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/** Invalid rows by failed check ("age:range" -> 12), summed over the executors. */
public final class CheckCounts extends AccumulatorV2<String, Map<String, Long>> {

    private final TreeMap<String, Long> counts = new TreeMap<>();

    @Override
    public boolean isZero() {
        synchronized (counts) {
            return counts.isEmpty();
        }
    }

    @Override
    public CheckCounts copy() {
        CheckCounts copy = new CheckCounts();
        copy.merge(this);
        return copy;
    }

    @Override
    public void reset() {
        synchronized (counts) {
            counts.clear();
        }
    }

    @Override
    public void add(String check) {
        synchronized (counts) {
            counts.merge(check, 1L, Long::sum);
        }
    }

    @Override
    public void merge(AccumulatorV2<String, Map<String, Long>> other) {
        Map<String, Long> theirs = other.value();
        synchronized (counts) {
            theirs.forEach((check, n) -> counts.merge(check, n, Long::sum));
        }
    }

    @Override
    public Map<String, Long> value() {
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }
}
