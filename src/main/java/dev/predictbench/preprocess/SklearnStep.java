package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * A fitted scikit-learn transformer read from a pickle or joblib file, held as the
 * equivalent native steps (a StandardScaler becomes a {@link Standardize}, a
 * OneHotEncoder one {@link OneHot} per column).
 *
 * @param estimator the scikit-learn class, e.g. {@code StandardScaler}
 * @param fills what its imputers put in place of a missing cell, per column
 */
public record SklearnStep(String file, List<String> columns, String estimator, List<PreprocessStep> steps,
                          java.util.Map<String, String> fills) implements PreprocessStep {

    public SklearnStep {
        columns = List.copyOf(columns);
        steps = List.copyOf(steps);
        fills = java.util.Map.copyOf(fills);
    }

    @Override
    public String op() {
        return "sklearn";
    }

    @Override
    public int width() {
        return steps.stream().mapToInt(PreprocessStep::width).sum();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        CompiledStep[] compiled = new CompiledStep[steps.size()];
        int[] offsets = new int[steps.size()];
        int width = 0;
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = steps.get(i).compile(featureIndex);
            offsets[i] = width;
            width += steps.get(i).width();
        }
        return (row, out, offset) -> {
            for (int i = 0; i < compiled.length; i++) {
                compiled[i].apply(row, out, offset + offsets[i]);
            }
        };
    }

    @Override
    public String describe() {
        return estimator + " from " + file + ": "
                + steps.stream().map(s -> s.op() + " " + String.join(", ", s.columns()) + " (" + s.describe() + ")")
                .collect(Collectors.joining("; "))
                + (fills.isEmpty() ? "" : "; missing cells filled with " + fills);
    }
}
