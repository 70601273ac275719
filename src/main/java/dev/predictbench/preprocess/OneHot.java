package dev.predictbench.preprocess;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One float per category, in training order. An unknown category is a range
 * failure (found by validation) unless {@code ignoreUnknown}, which gives all zeros.
 */
public record OneHot(String column, List<String> categories, boolean ignoreUnknown) implements PreprocessStep {

    public OneHot {
        categories = List.copyOf(categories);
    }

    @Override
    public String op() {
        return "one_hot";
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public int width() {
        return categories.size();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int feature = featureIndex.applyAsInt(column);
        Map<String, Integer> position = Columns.positions(categories);
        int width = categories.size();
        return (row, out, offset) -> {
            for (int i = 0; i < width; i++) {
                out[offset + i] = 0f;
            }
            Integer hot = position.get(row.texts()[feature]);
            if (hot != null) {
                out[offset + hot] = 1f;
            }
        };
    }

    @Override
    public String describe() {
        return "categories " + categories + (ignoreUnknown ? ", unknown -> all zeros" : ", unknown -> error");
    }
}
