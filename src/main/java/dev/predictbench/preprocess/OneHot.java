package dev.predictbench.preprocess;

import dev.predictbench.schema.CategoryIndex;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One float per category, in training order. An unknown category is a range
 * failure (found by validation) unless {@code ignoreUnknown}, which gives all zeros.
 * {@code dropIndex} (OneHotEncoder's drop) leaves that category's column out, or -1.
 */
public record OneHot(String column, List<String> categories, boolean ignoreUnknown, int dropIndex)
        implements PreprocessStep {

    public OneHot {
        categories = List.copyOf(categories);
        if (dropIndex < -1 || dropIndex >= categories.size()) {
            throw new IllegalArgumentException("drop index " + dropIndex + " is outside " + categories.size()
                    + " categories");
        }
    }

    public OneHot(String column, List<String> categories, boolean ignoreUnknown) {
        this(column, categories, ignoreUnknown, -1);
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
        return categories.size() - (dropIndex >= 0 ? 1 : 0);
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int feature = featureIndex.applyAsInt(column);
        CategoryIndex index = new CategoryIndex(categories);
        int width = width();
        int drop = dropIndex;
        return (row, out, offset) -> {
            for (int i = 0; i < width; i++) {
                out[offset + i] = 0f;
            }
            int hot = index.indexOf(row.texts()[feature]);
            if (hot >= 0 && hot != drop) {
                out[offset + (drop >= 0 && hot > drop ? hot - 1 : hot)] = 1f;
            }
        };
    }

    @Override
    public String describe() {
        return "categories " + categories + (dropIndex >= 0 ? ", drops \"" + categories.get(dropIndex) + "\"" : "")
                + (ignoreUnknown ? ", unknown -> all zeros" : ", unknown -> error");
    }
}
