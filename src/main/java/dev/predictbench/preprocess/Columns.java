package dev.predictbench.preprocess;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** Small helpers the steps share. */
final class Columns {

    private Columns() {
    }

    static int[] indexes(List<String> columns, ToIntFunction<String> featureIndex) {
        return columns.stream().mapToInt(featureIndex).toArray();
    }

    static Map<String, Integer> positions(List<String> categories) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            position.putIfAbsent(categories.get(i), i);
        }
        return position;
    }

    static String preview(double[] values) {
        int shown = Math.min(values.length, 4);
        String head = Arrays.stream(values, 0, shown).mapToObj(v -> String.format("%.4g", v))
                .collect(Collectors.joining(", "));
        return "[" + head + (values.length > shown ? ", ... (" + values.length + ")" : "") + "]";
    }
}
