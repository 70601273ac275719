package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;

/** Numbers as they are. */
public record Passthrough(List<String> columns) implements PreprocessStep {

    public Passthrough {
        columns = List.copyOf(columns);
    }

    @Override
    public String op() {
        return "passthrough";
    }

    @Override
    public int width() {
        return columns.size();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int[] index = Columns.indexes(columns, featureIndex);
        return (row, out, offset) -> {
            double[] x = row.numbers();
            for (int i = 0; i < index.length; i++) {
                out[offset + i] = (float) x[index[i]];
            }
        };
    }

    @Override
    public String describe() {
        return "unchanged";
    }
}
