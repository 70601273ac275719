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
 */
public record SklearnStep(String file, List<String> columns, String estimator, List<PreprocessStep> steps)
        implements PreprocessStep {

    public SklearnStep {
        columns = List.copyOf(columns);
        steps = List.copyOf(steps);
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
                + steps.stream().map(PreprocessStep::describe).collect(Collectors.joining("; "));
    }
}
