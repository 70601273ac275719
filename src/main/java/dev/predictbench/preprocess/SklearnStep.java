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
 * @param weights per step, the factor its output is multiplied by (ColumnTransformer's
 *                transformer_weights), 1 for most
 * @param fills what its imputers put in place of a missing cell, per column
 */
public record SklearnStep(String file, List<String> columns, String estimator, List<PreprocessStep> steps,
                          double[] weights, java.util.Map<String, String> fills) implements PreprocessStep {

    public SklearnStep {
        columns = List.copyOf(columns);
        steps = List.copyOf(steps);
        weights = weights.clone();
        fills = java.util.Map.copyOf(fills);
        if (weights.length != steps.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + steps.size() + " steps");
        }
    }

    /** Unweighted steps. */
    public SklearnStep(String file, List<String> columns, String estimator, List<PreprocessStep> steps,
                       java.util.Map<String, String> fills) {
        this(file, columns, estimator, steps, ones(steps.size()), fills);
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        return out;
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
        int[] widths = new int[steps.size()];
        int width = 0;
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = steps.get(i).compile(featureIndex);
            offsets[i] = width;
            widths[i] = steps.get(i).width();
            width += widths[i];
        }
        double[] factors = weights.clone();
        return (row, out, offset) -> {
            for (int i = 0; i < compiled.length; i++) {
                int at = offset + offsets[i];
                compiled[i].apply(row, out, at);
                if (factors[i] != 1) {
                    // scikit-learn multiplies the float64 result; the float32 one differs from it by one ulp at most.
                    for (int j = at; j < at + widths[i]; j++) {
                        out[j] = (float) (out[j] * factors[i]);
                    }
                }
            }
        };
    }

    @Override
    public String describe() {
        return estimator + " from " + file + ": "
                + steps.stream().map(s -> s.op() + " " + String.join(", ", s.columns()) + " (" + s.describe() + ")")
                .collect(Collectors.joining("; "))
                + (java.util.Arrays.stream(weights).allMatch(w -> w == 1) ? ""
                        : "; outputs weighted " + java.util.Arrays.toString(weights))
                + (fills.isEmpty() ? "" : "; missing cells filled with " + fills);
    }
}
