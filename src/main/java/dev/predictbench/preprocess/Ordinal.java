package dev.predictbench.preprocess;

import dev.predictbench.schema.CategoryIndex;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The index of the category in training order (scikit-learn's OrdinalEncoder). An
 * unknown category is a range failure unless {@code unknownValue} gives its code
 * (OrdinalEncoder(handle_unknown='use_encoded_value')).
 */
public record Ordinal(String column, List<String> categories, Double unknownValue) implements PreprocessStep {

    public Ordinal {
        categories = List.copyOf(categories);
    }

    public Ordinal(String column, List<String> categories) {
        this(column, categories, null);
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
        CategoryIndex index = new CategoryIndex(categories);
        // Without an unknown value, unknown categories never get here: validation marks the row invalid first.
        float unknown = unknownValue == null ? Float.NaN : unknownValue.floatValue();
        return (row, out, offset) -> {
            int at = index.indexOf(row.texts()[feature]);
            out[offset] = at < 0 ? unknown : at;
        };
    }

    @Override
    public String describe() {
        return "categories " + categories + (unknownValue == null ? "" : ", unknown -> " + unknownValue);
    }
}
