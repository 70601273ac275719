package dev.predictbench.preprocess;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The index of the category in training order (scikit-learn's OrdinalEncoder). */
public record Ordinal(String column, List<String> categories) implements PreprocessStep {

    public Ordinal {
        categories = List.copyOf(categories);
    }

    @Override
    public String op() {
        return "ordinal";
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int feature = featureIndex.applyAsInt(column);
        Map<String, Integer> position = Columns.positions(categories);
        return (row, out, offset) -> {
            Integer index = position.get(row.texts()[feature]);
            // Unknown categories never get here: validation marks the row invalid first.
            out[offset] = index == null ? Float.NaN : index;
        };
    }

    @Override
    public String describe() {
        return "categories " + categories;
    }
}
