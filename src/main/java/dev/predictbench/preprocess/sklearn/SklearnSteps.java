package dev.predictbench.preprocess.sklearn;

import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.Standardize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a fitted scikit-learn transformer into the equivalent native steps, checking
 * it against the columns the bundle gives it. Problems are returned as messages a
 * person can act on.
 */
public final class SklearnSteps {

    private SklearnSteps() {
    }

    public static List<PreprocessStep> toSteps(SklearnFile.Estimator estimator, List<String> columns) {
        checkColumns(estimator, columns);
        return switch (estimator.className()) {
            case "StandardScaler" -> List.of(standardize(estimator, columns));
            case "MinMaxScaler" -> List.of(minMax(estimator, columns));
            case "OneHotEncoder" -> oneHot(estimator, columns);
            default -> throw new IllegalArgumentException(estimator.className() + " is not supported");
        };
    }

    /** The column names the transformer was fitted on, when it was fitted on a DataFrame. */
    public static List<String> featureNames(SklearnFile.Estimator estimator) {
        return estimator.get("feature_names_in_") instanceof NumpyArray names ? names.toStrings() : List.of();
    }

    public static int featureCount(SklearnFile.Estimator estimator) {
        Object n = estimator.get("n_features_in_");
        return n == null ? -1 : (int) RestrictedUnpickler.toLong(n);
    }

    private static void checkColumns(SklearnFile.Estimator estimator, List<String> columns) {
        int expected = featureCount(estimator);
        if (expected >= 0 && expected != columns.size()) {
            throw new IllegalArgumentException("the " + estimator.className() + " was fitted on " + expected
                    + " columns, the bundle gives it " + columns.size());
        }
        List<String> names = featureNames(estimator);
        if (!names.isEmpty() && !names.equals(columns)) {
            throw new IllegalArgumentException("the " + estimator.className() + " was fitted on columns " + names
                    + " in that order, the bundle gives it " + columns);
        }
    }

    private static Standardize standardize(SklearnFile.Estimator scaler, List<String> columns) {
        int n = columns.size();
        double[] mean = scaler.get("mean_") instanceof NumpyArray m ? m.toDoubles() : new double[n];
        double[] scale = scaler.get("scale_") instanceof NumpyArray s ? s.toDoubles() : ones(n);
        requireLength("mean_", mean, n);
        requireLength("scale_", scale, n);
        return new Standardize(columns, mean, scale);
    }

    private static MinMax minMax(SklearnFile.Estimator scaler, List<String> columns) {
        double[] min = array(scaler, "data_min_");
        double[] max = array(scaler, "data_max_");
        requireLength("data_min_", min, columns.size());
        requireLength("data_max_", max, columns.size());
        double low = 0;
        double high = 1;
        if (scaler.get("feature_range") instanceof Object[] range && range.length == 2) {
            low = ((Number) range[0]).doubleValue();
            high = ((Number) range[1]).doubleValue();
        }
        if (Boolean.TRUE.equals(scaler.get("clip"))) {
            throw new IllegalArgumentException("MinMaxScaler(clip=True) is not supported");
        }
        return new MinMax(columns, min, max, low, high);
    }

    private static List<PreprocessStep> oneHot(SklearnFile.Estimator encoder, List<String> columns) {
        if (encoder.get("drop") != null || encoder.get("drop_idx_") != null) {
            throw new IllegalArgumentException("OneHotEncoder(drop=...) is not supported; refit with drop=None");
        }
        if (Boolean.TRUE.equals(encoder.get("_infrequent_enabled"))) {
            throw new IllegalArgumentException("OneHotEncoder with infrequent categories is not supported");
        }
        String unknown = String.valueOf(encoder.get("handle_unknown"));
        if (!unknown.equals("error") && !unknown.equals("ignore")) {
            throw new IllegalArgumentException("OneHotEncoder(handle_unknown='" + unknown + "') is not supported");
        }
        if (!(encoder.get("categories_") instanceof List<?> categories) || categories.size() != columns.size()) {
            throw new IllegalArgumentException("OneHotEncoder has no categories_ for " + columns.size() + " columns");
        }
        List<PreprocessStep> steps = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            steps.add(new OneHot(columns.get(i), ((NumpyArray) categories.get(i)).toStrings(), unknown.equals("ignore")));
        }
        return steps;
    }

    private static double[] array(SklearnFile.Estimator estimator, String name) {
        if (!(estimator.get(name) instanceof NumpyArray array)) {
            throw new IllegalArgumentException(estimator.className() + " has no " + name + "; is it fitted?");
        }
        return array.toDoubles();
    }

    private static void requireLength(String name, double[] values, int n) {
        if (values.length != n) {
            throw new IllegalArgumentException(name + " has " + values.length + " entries for " + n + " columns");
        }
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1);
        return out;
    }
}
