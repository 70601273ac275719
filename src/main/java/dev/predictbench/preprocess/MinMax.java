package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * scikit-learn's MinMaxScaler: {@code a + (x - min) * (b - a) / (max - min)} per column,
 * clipped to {@code [a, b]} when {@code clip} (MinMaxScaler(clip=True)).
 */
public record MinMax(List<String> columns, double[] min, double[] max, double rangeLow, double rangeHigh,
                     boolean clip) implements PreprocessStep {

    public MinMax {
        columns = List.copyOf(columns);
    }

    public MinMax(List<String> columns, double[] min, double[] max, double rangeLow, double rangeHigh) {
        this(columns, min, max, rangeLow, rangeHigh, false);
    }

    @Override
    public String op() {
        return "minmax";
    }

    @Override
    public int width() {
        return columns.size();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int[] index = Columns.indexes(columns, featureIndex);
        double[] lo = min.clone();
        double[] factor = new double[lo.length];
        for (int i = 0; i < factor.length; i++) {
            double span = max[i] - min[i];
            // scikit-learn treats a constant column's span as 1 instead of dividing by zero.
            factor[i] = (rangeHigh - rangeLow) / (span == 0 ? 1 : span);
        }
        double a = rangeLow;
        double b = rangeHigh;
        boolean clipped = clip;
        return (row, out, offset) -> {
            double[] x = row.numbers();
            for (int i = 0; i < index.length; i++) {
                double y = a + (x[index[i]] - lo[i]) * factor[i];
                out[offset + i] = (float) (clipped ? Math.max(a, Math.min(b, y)) : y);
            }
        };
    }

    @Override
    public String describe() {
        return "min " + Columns.preview(min) + ", max " + Columns.preview(max)
                + ", range [" + rangeLow + ", " + rangeHigh + "]" + (clip ? ", clipped" : "");
    }
}
