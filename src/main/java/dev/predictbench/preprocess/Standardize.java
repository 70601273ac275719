package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;

/** scikit-learn's StandardScaler: {@code (x - mean) / scale} per column. */
public record Standardize(List<String> columns, double[] mean, double[] scale) implements PreprocessStep {

    public Standardize {
        columns = List.copyOf(columns);
    }

    @Override
    public String op() {
        return "standardize";
    }

    @Override
    public int width() {
        return columns.size();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int[] index = Columns.indexes(columns, featureIndex);
        double[] m = mean.clone();
        double[] s = scale.clone();
        return (row, out, offset) -> {
            double[] x = row.numbers();
            for (int i = 0; i < index.length; i++) {
                out[offset + i] = (float) ((x[index[i]] - m[i]) / s[i]);
            }
        };
    }

    @Override
    public String describe() {
        return "mean " + Columns.preview(mean) + ", scale " + Columns.preview(scale);
    }
}
