package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;

/** scikit-learn's MinMaxScaler: {@code a + (x - min) * (b - a) / (max - min)} per column. */
public record MinMax(List<String> columns, double[] min, double[] max, double rangeLow, double rangeHigh)
        implements PreprocessStep {

    public MinMax {
        columns = List.copyOf(columns);
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
        return (row, out, offset) -> {
            double[] x = row.numbers();
            for (int i = 0; i < index.length; i++) {
                out[offset + i] = (float) (a + (x[index[i]] - lo[i]) * factor[i]);
            }
        };
    }

    @Override
    public String describe() {
        return "min " + Columns.preview(min) + ", max " + Columns.preview(max)
                + ", range [" + rangeLow + ", " + rangeHigh + "]";
    }
}
