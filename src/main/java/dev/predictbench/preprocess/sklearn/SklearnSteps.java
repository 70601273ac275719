package dev.predictbench.preprocess.sklearn;

import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.Ordinal;
import dev.predictbench.preprocess.Passthrough;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.Standardize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Turns a fitted scikit-learn transformer (a scaler, an encoder, an imputer, a
 * Pipeline of them or a ColumnTransformer of those) into the equivalent native steps,
 * checking it against the columns the bundle gives it. Imputers become the fill values
 * of their columns. Anything PredictBench does not read is refused with a message that
 * names the step, its class and what to do.
 */
public final class SklearnSteps {

    /** The transformers read, for messages. */
    public static final String SUPPORTED = "Pipeline, ColumnTransformer, SimpleImputer, StandardScaler,"
            + " MinMaxScaler, RobustScaler, MaxAbsScaler, OneHotEncoder, OrdinalEncoder, CountVectorizer,"
            + " TfidfVectorizer";

    private SklearnSteps() {
    }

    /**
     * Native steps, the factor each step's output is multiplied by (ColumnTransformer's
     * transformer_weights; 1 without), and the value scikit-learn's imputers put in place of a
     * missing cell, per column (as text, as the cell would hold it).
     */
    public record Conversion(List<PreprocessStep> steps, double[] weights, Map<String, String> fills) {

        public Conversion {
            steps = List.copyOf(steps);
            weights = weights.clone();
            fills = Map.copyOf(fills);
            if (weights.length != steps.size()) {
                throw new IllegalArgumentException(weights.length + " weights for " + steps.size() + " steps");
            }
        }
    }

    /** Steps as they are built, each with its weight. */
    private static final class Built {
        final List<PreprocessStep> steps = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();

        void add(PreprocessStep step) {
            steps.add(step);
            weights.add(1.0);
        }

        void addAll(Built other) {
            steps.addAll(other.steps);
            weights.addAll(other.weights);
        }

        /** Multiplies the weights of the steps from {@code from} on (a nested weight multiplies an outer one). */
        void scale(int from, double weight) {
            for (int i = from; i < weights.size(); i++) {
                weights.set(i, weights.get(i) * weight);
            }
        }
    }

    public static List<PreprocessStep> toSteps(SklearnFile.Estimator estimator, List<String> columns) {
        return convert(estimator, columns).steps();
    }

    public static Conversion convert(SklearnFile.Estimator estimator, List<String> columns) {
        checkColumns(estimator, columns);
        Map<String, String> fills = new LinkedHashMap<>();
        Built built = new Built();
        transformer("the file", estimator, columns, false, built, fills);
        for (PreprocessStep step : built.steps) {
            // An encoder that learned NaN as a category (no imputer before it) gets missing cells there.
            if (step instanceof OneHot oneHot && oneHot.categories().contains("nan")) {
                fills.putIfAbsent(oneHot.column(), "nan");
            }
        }
        return new Conversion(built.steps, built.weights.stream().mapToDouble(Double::doubleValue).toArray(), fills);
    }

    /** The column names the transformer was fitted on, when it was fitted on a DataFrame. */
    public static List<String> featureNames(SklearnFile.Estimator estimator) {
        if (estimator.get("feature_names_in_") instanceof NumpyArray names) {
            return names.toStrings();
        }
        if (estimator.className().equals("Pipeline") && firstStep(estimator) != null) {
            return featureNames(firstStep(estimator));
        }
        return List.of();
    }

    public static int featureCount(SklearnFile.Estimator estimator) {
        Object n = estimator.get("n_features_in_");
        if (n == null && estimator.className().equals("Pipeline") && firstStep(estimator) != null) {
            return featureCount(firstStep(estimator));
        }
        return n == null ? -1 : (int) RestrictedUnpickler.toLong(n);
    }

    /** Whether the transformer holds a vectorizer, which reads one text column (a 1-D input). */
    public static boolean isVectorizer(SklearnFile.Estimator estimator) {
        return estimator.className().equals("CountVectorizer") || estimator.className().equals("TfidfVectorizer");
    }

    private static SklearnFile.Estimator firstStep(SklearnFile.Estimator pipeline) {
        List<?> steps = list(pipeline, "steps");
        return steps.isEmpty() ? null : estimatorOrNull(((Object[]) steps.get(0))[1]);
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

    /**
     * Appends the native steps of {@code estimator} applied to {@code columns}.
     *
     * @param where names the step for messages, e.g. {@code step "num" of the ColumnTransformer}
     * @param oneDimensional the columns were selected by a single name (a vectorizer needs that)
     */
    private static void transformer(String where, SklearnFile.Estimator estimator, List<String> columns,
                                    boolean oneDimensional, Built steps, Map<String, String> fills) {
        SklearnParameters.check(where, estimator);
        switch (estimator.className()) {
            case "Pipeline" -> pipeline(where, estimator, columns, oneDimensional, steps, fills);
            case "ColumnTransformer" -> columnTransformer(where, estimator, columns, steps, fills);
            case "SimpleImputer" -> {
                fills.putAll(imputer(where, estimator, columns));
                steps.add(new Passthrough(columns));
            }
            default -> leaf(where, estimator, columns, oneDimensional).forEach(steps::add);
        }
    }

    /** An imputer, then at most one scaler, encoder or vectorizer (or a ColumnTransformer alone). */
    private static void pipeline(String where, SklearnFile.Estimator pipeline, List<String> columns,
                                 boolean oneDimensional, Built steps, Map<String, String> fills) {
        List<?> items = list(pipeline, "steps");
        List<Object[]> active = new ArrayList<>();
        for (Object item : items) {
            Object[] step = (Object[]) item;
            if (step[1] != null && !"passthrough".equals(step[1])) {
                active.add(step);
            }
        }
        Map<String, String> pipelineFills = new LinkedHashMap<>();
        Built transform = null;
        for (int i = 0; i < active.size(); i++) {
            String name = String.valueOf(active.get(i)[0]);
            String stepWhere = "step \"" + name + "\" of the Pipeline" + (where.equals("the file") ? "" : " in " + where);
            SklearnFile.Estimator step = estimatorOrNull(active.get(i)[1]);
            if (step == null) {
                throw new IllegalArgumentException(stepWhere + " is " + active.get(i)[1] + ", not a fitted transformer");
            }
            boolean last = i == active.size() - 1;
            if (Predictors.predicts(step)) {
                // Only a step that predicts may be left out: the steps before it are what it was fitted on.
                throw new IllegalArgumentException(last && i > 0
                        ? "the Pipeline ends in " + describe(step) + " (" + stepWhere + "), an estimator (it"
                        + " predicts) rather than preprocessing; PredictBench applies the preprocessing and runs the"
                        + " TorchScript model: if that model was trained on the output of the steps before it, save"
                        + " those alone: joblib.dump(pipeline[:-1], ...)"
                        : stepWhere + " is " + describe(step) + ", an estimator (it predicts), which a preprocessing"
                        + " pipeline cannot hold before its end");
            }
            if (!isTransformer(step)) {
                throw new IllegalArgumentException(unsupported(stepWhere, step));
            }
            if (step.className().equals("SimpleImputer")) {
                SklearnParameters.check(stepWhere, step);
                if (transform != null) {
                    throw new IllegalArgumentException(stepWhere + " imputes after a transform; PredictBench reads"
                            + " pipelines that impute first, then scale or encode");
                }
                mergeFills(stepWhere, imputer(stepWhere, step, columns), pipelineFills);
                continue;
            }
            if (transform != null) {
                throw new IllegalArgumentException(stepWhere + " (" + describe(step) + ") follows another transform;"
                        + " PredictBench reads pipelines of an imputer followed by one scaler, encoder or"
                        + " vectorizer, or a ColumnTransformer of such pipelines");
            }
            transform = new Built();
            if (step.className().equals("ColumnTransformer") && !pipelineFills.isEmpty()) {
                throw new IllegalArgumentException(stepWhere + ": a ColumnTransformer after an imputer is not read;"
                        + " put the imputers inside the ColumnTransformer's pipelines");
            }
            transformer(stepWhere, step, columns, oneDimensional, transform, pipelineFills);
        }
        mergeFills(where, pipelineFills, fills);
        if (transform == null) {
            steps.add(new Passthrough(columns));
        } else {
            steps.addAll(transform);
        }
    }

    /**
     * Branches in order; each reads its columns by name; dropped branches and empty selections give
     * nothing. A branch's output is multiplied by its transformer_weights entry (passthrough and
     * remainder included), as scikit-learn's _transform_one does.
     */
    private static void columnTransformer(String outer, SklearnFile.Estimator ct, List<String> columns,
                                          Built steps, Map<String, String> fills) {
        List<?> fitted = list(ct, "transformers_");
        if (fitted.isEmpty()) {
            throw new IllegalArgumentException("the ColumnTransformer is not fitted (no transformers_)");
        }
        Map<?, ?> indices = ct.get("_transformer_to_input_indices") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Double> weights = transformerWeights(outer, ct);
        for (Object item : fitted) {
            Object[] branch = (Object[]) item;
            String name = String.valueOf(branch[0]);
            String where = "branch \"" + name + "\" of the ColumnTransformer";
            List<String> selected = select(where, branch[2], indices.get(name), columns);
            if ("drop".equals(branch[1]) || selected.isEmpty()) {
                continue;
            }
            int first = steps.steps.size();
            if ("passthrough".equals(branch[1])) {
                steps.add(new Passthrough(selected));
                steps.scale(first, weights.getOrDefault(name, 1.0));
                continue;
            }
            SklearnFile.Estimator estimator = estimatorOrNull(branch[1]);
            if (estimator == null) {
                throw new IllegalArgumentException(where + " is " + branch[1] + ", not a fitted transformer");
            }
            boolean oneDimensional = branch[2] instanceof String || branch[2] instanceof Number;
            transformer(where, estimator, selected, oneDimensional, steps, fills);
            steps.scale(first, weights.getOrDefault(name, 1.0));
        }
    }

    /** transformer_weights: None, or a dict of branch name to a number (names without a branch are unused). */
    private static Map<String, Double> transformerWeights(String where, SklearnFile.Estimator ct) {
        Object value = ct.get("transformer_weights");
        if (value == null) {
            return Map.of();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof Number weight)
                        || !Double.isFinite(weight.doubleValue())) {
                    weights = null;
                    break;
                }
                weights.put(name, weight.doubleValue());
            }
        }
        if (weights == null || !(value instanceof Map<?, ?>)) {
            throw SklearnParameters.refused(where, ct, "transformer_weights", "PredictBench reads a dict of"
                    + " branch names to finite numbers");
        }
        return weights;
    }

    /** The columns a branch reads: by the indices the fitted transformer resolved, else from its spec. */
    private static List<String> select(String where, Object spec, Object resolved, List<String> columns) {
        List<Integer> positions = new ArrayList<>();
        if (resolved instanceof List<?> list) {
            list.forEach(i -> positions.add((int) RestrictedUnpickler.toLong(i)));
        } else if (spec instanceof String name) {
            positions.add(indexOf(where, name, columns));
        } else if (spec instanceof Number n) {
            positions.add(index(where, n.intValue(), columns));
        } else if (spec instanceof RestrictedUnpickler.PySlice slice) {
            int n = columns.size();
            int step = slice.step() == null ? 1 : slice.step().intValue();
            if (step != 1) {
                throw new IllegalArgumentException(where + ": a column slice with step " + step + " is not read");
            }
            int start = slice.start() == null ? 0 : clampIndex(slice.start(), n);
            int stop = slice.stop() == null ? n : clampIndex(slice.stop(), n);
            for (int i = start; i < stop; i++) {
                positions.add(i);
            }
        } else if (spec instanceof List<?> || spec instanceof NumpyArray) {
            List<?> items = spec instanceof NumpyArray a ? a.values() : (List<?>) spec;
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (item instanceof Boolean selected) {   // a boolean mask over all columns
                    if (selected) {
                        positions.add(index(where, i, columns));
                    }
                } else {
                    positions.add(item instanceof String name ? indexOf(where, name, columns)
                            : index(where, (int) RestrictedUnpickler.toLong(item), columns));
                }
            }
        } else {
            throw new IllegalArgumentException(where + " selects its columns with " + describeValue(spec)
                    + "; PredictBench reads names, positions, slices and boolean masks (refit with"
                    + " scikit-learn 1.2 or newer to keep a callable's resolved columns)");
        }
        return positions.stream().map(i -> columns.get(index(where, i, columns))).toList();
    }

    private static int clampIndex(long i, int n) {
        return (int) Math.max(0, Math.min(n, i < 0 ? n + i : i));
    }

    private static int indexOf(String where, String name, List<String> columns) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(where + " reads column \"" + name + "\", which is not among " + columns);
        }
        return i;
    }

    private static int index(String where, int i, List<String> columns) {
        int at = i < 0 ? columns.size() + i : i;
        if (at < 0 || at >= columns.size()) {
            throw new IllegalArgumentException(where + " reads column " + i + " of " + columns.size());
        }
        return at;
    }

    private static List<PreprocessStep> leaf(String where, SklearnFile.Estimator estimator, List<String> columns,
                                             boolean oneDimensional) {
        return switch (estimator.className()) {
            case "StandardScaler" -> List.of(standardize(estimator, columns));
            case "RobustScaler" -> List.of(new Standardize(columns,
                    optional(estimator, "center_", columns.size(), 0), optional(estimator, "scale_", columns.size(), 1)));
            case "MaxAbsScaler" -> List.of(new Standardize(columns, new double[columns.size()],
                    array(estimator, "scale_", columns.size())));
            case "MinMaxScaler" -> List.of(minMax(where, estimator, columns));
            case "OneHotEncoder" -> oneHot(where, estimator, columns);
            case "OrdinalEncoder" -> ordinal(where, estimator, columns);
            case "CountVectorizer", "TfidfVectorizer" ->
                    List.of(SklearnVectorizer.bagOfWords(where, estimator, columns, oneDimensional));
            default -> throw new IllegalArgumentException(unsupported(where, estimator));
        };
    }

    /** Never advises leaving the step out: the model was trained on its output. */
    private static String unsupported(String where, SklearnFile.Estimator estimator) {
        String holds = where.equals("the file") ? "the file holds " : where + " is ";
        if (Predictors.predicts(estimator)) {
            return holds + describe(estimator) + ", an estimator (it predicts), not preprocessing; PredictBench runs"
                    + " the TorchScript model and reads only the preprocessing fitted before it";
        }
        return holds + describe(estimator) + ", a transformer PredictBench does not implement, so this"
                + " preprocessing cannot be imported (leaving the step out would give the model other numbers than"
                + " it was trained on). PredictBench implements " + SUPPORTED + "; refit with those and retrain the"
                + " model, or export the whole model (preprocessing included) to TorchScript";
    }

    private static boolean isTransformer(SklearnFile.Estimator estimator) {
        return SUPPORTED.contains(estimator.className()) || estimator.className().endsWith("Scaler")
                || estimator.className().endsWith("Encoder") || estimator.className().endsWith("Transformer")
                || estimator.className().endsWith("Imputer") || estimator.className().endsWith("Vectorizer");
    }

    private static String describe(SklearnFile.Estimator estimator) {
        return "a " + estimator.className() + " (" + estimator.qualifiedName() + ")";
    }

    private static Map<String, String> imputer(String where, SklearnFile.Estimator imputer, List<String> columns) {
        // pandas reads an empty cell as NaN, so only missing_values=NaN fills what PredictBench calls
        // missing; None (object columns) would leave pandas' NaN in place, another value fills other cells.
        Object marker = imputer.get("missing_values");
        if (imputer.attributes().containsKey("missing_values") && !(marker instanceof Double d && d.isNaN())) {
            throw SklearnParameters.refused(where, imputer, "missing_values", "PredictBench reproduces only"
                    + " missing_values=nan: empty cells and NaN are missing, as pandas reads them");
        }
        if (!(imputer.get("statistics_") instanceof NumpyArray statistics)) {
            throw new IllegalArgumentException(where + ": the SimpleImputer has no statistics_; is it fitted?");
        }
        List<Object> values = statistics.values();
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(where + ": the SimpleImputer has " + values.size()
                    + " statistics for " + columns.size() + " columns");
        }
        Map<String, String> fills = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Double d && d.isNaN()) {
                throw new IllegalArgumentException(where + ": column \"" + columns.get(i) + "\" was all missing in"
                        + " training, so the SimpleImputer drops it; PredictBench does not drop columns");
            }
            fills.put(columns.get(i), value instanceof Double d ? Double.toString(d) : NumpyArray.pythonText(value));
        }
        return fills;
    }

    private static void mergeFills(String where, Map<String, String> from, Map<String, String> into) {
        from.forEach((column, fill) -> {
            String earlier = into.putIfAbsent(column, fill);
            if (earlier != null && !earlier.equals(fill)) {
                throw new IllegalArgumentException(where + ": column \"" + column + "\" is imputed twice, with "
                        + earlier + " and " + fill);
            }
        });
    }

    private static Standardize standardize(SklearnFile.Estimator scaler, List<String> columns) {
        int n = columns.size();
        // with_mean=False / with_std=False: scikit-learn still stores mean_, but does not subtract it.
        double[] mean = Boolean.FALSE.equals(scaler.get("with_mean")) ? new double[n]
                : optional(scaler, "mean_", n, 0);
        double[] scale = Boolean.FALSE.equals(scaler.get("with_std")) ? ones(n) : optional(scaler, "scale_", n, 1);
        return new Standardize(columns, mean, scale);
    }

    private static MinMax minMax(String where, SklearnFile.Estimator scaler, List<String> columns) {
        double[] min = array(scaler, "data_min_", columns.size());
        double[] max = array(scaler, "data_max_", columns.size());
        double low = 0;
        double high = 1;
        if (scaler.get("feature_range") instanceof Object[] range && range.length == 2) {
            low = ((Number) range[0]).doubleValue();
            high = ((Number) range[1]).doubleValue();
        }
        for (int i = 0; i < min.length; i++) {
            // _handle_zeros_in_scale: a span under 10 machine epsilons counts as 1, as MinMax's span 0 does.
            if (max[i] - min[i] < 10 * Math.ulp(1.0)) {
                max[i] = min[i];
            }
        }
        // transform runs the fitted scale_ and min_; they must be what data_min_, data_max_ and
        // feature_range give (not so after set_params(feature_range=...) following fit, or for a
        // span scikit-learn counts as zero without being 0).
        if (scaler.get("scale_") instanceof NumpyArray && scaler.get("min_") instanceof NumpyArray) {
            double[] scale = array(scaler, "scale_", columns.size());
            double[] offset = array(scaler, "min_", columns.size());
            for (int i = 0; i < scale.length; i++) {
                double span = max[i] - min[i];
                double factor = (high - low) / (span == 0 ? 1 : span);
                if (!close(scale[i], factor) || !close(offset[i], low - min[i] * factor)) {
                    throw SklearnParameters.refused(where, scaler, "feature_range", "column \"" + columns.get(i)
                            + "\" has scale_ " + scale[i] + " and min_ " + offset[i] + ", not what data_min_,"
                            + " data_max_ and feature_range give; refit the MinMaxScaler");
                }
            }
        }
        return new MinMax(columns, min, max, low, high, Boolean.TRUE.equals(scaler.get("clip")));
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static List<PreprocessStep> oneHot(String where, SklearnFile.Estimator encoder, List<String> columns) {
        if (Boolean.TRUE.equals(encoder.get("_infrequent_enabled"))) {   // also caught by min_frequency's check
            throw new IllegalArgumentException(where + ": OneHotEncoder with infrequent categories (min_frequency /"
                    + " max_categories) is not implemented; refit without them");
        }
        String unknown = String.valueOf(encoder.get("handle_unknown"));
        if (!List.of("error", "ignore", "infrequent_if_exist").contains(unknown)) {
            throw SklearnParameters.refused(where, encoder, "handle_unknown", "PredictBench reads 'error', 'ignore'"
                    + " and 'infrequent_if_exist'");
        }
        List<List<String>> categories = categories(where, encoder, columns);
        List<Object> drop = encoder.get("drop_idx_") instanceof NumpyArray d ? d.values() : null;
        List<PreprocessStep> steps = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Object dropped = drop == null ? null : drop.get(i);
            int dropIndex = dropped == null ? -1 : (int) RestrictedUnpickler.toLong(dropped);
            steps.add(new OneHot(columns.get(i), categories.get(i), !unknown.equals("error"), dropIndex));
        }
        return steps;
    }

    private static List<PreprocessStep> ordinal(String where, SklearnFile.Estimator encoder, List<String> columns) {
        SklearnParameters.requireWideDtype(where, encoder);
        String unknown = String.valueOf(encoder.get("handle_unknown"));
        Double unknownValue = null;
        if (unknown.equals("use_encoded_value")) {
            Object value = encoder.get("unknown_value");
            // NaN for unknowns would feed NaN to the model: such rows are refused instead.
            unknownValue = value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : null;
        } else if (!unknown.equals("error")) {
            throw SklearnParameters.refused(where, encoder, "handle_unknown", "PredictBench reads 'error' and"
                    + " 'use_encoded_value'");
        }
        List<List<String>> categories = categories(where, encoder, columns);
        List<PreprocessStep> steps = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            List<String> known = categories.get(i);
            if (known.contains("nan")) {
                // scikit-learn gives a missing cell encoded_missing_value, not the NaN category's index.
                throw SklearnParameters.refused(where, encoder, "encoded_missing_value", "column \""
                        + columns.get(i) + "\" had missing values in training, which OrdinalEncoder encodes as"
                        + " encoded_missing_value; PredictBench does not implement that: impute first");
            }
            steps.add(new Ordinal(columns.get(i), known, unknownValue));
        }
        return steps;
    }

    private static List<List<String>> categories(String where, SklearnFile.Estimator encoder, List<String> columns) {
        if (!(encoder.get("categories_") instanceof List<?> categories) || categories.size() != columns.size()) {
            throw new IllegalArgumentException(where + ": the " + encoder.className() + " has no categories_ for "
                    + columns.size() + " columns; is it fitted?");
        }
        List<List<String>> out = new ArrayList<>();
        for (Object array : categories) {
            out.add(((NumpyArray) array).toStrings());
        }
        return out;
    }

    static double[] array(SklearnFile.Estimator estimator, String name, int n) {
        if (!(estimator.get(name) instanceof NumpyArray array)) {
            throw new IllegalArgumentException(estimator.className() + " has no " + name + "; is it fitted?");
        }
        double[] values = array.toDoubles();
        if (values.length != n) {
            throw new IllegalArgumentException(estimator.className() + "." + name + " has " + values.length
                    + " entries for " + n + " columns");
        }
        return values;
    }

    /** An attribute that scikit-learn sets to None when its option is off (then every entry is {@code fill}). */
    private static double[] optional(SklearnFile.Estimator estimator, String name, int n, double fill) {
        if (estimator.get(name) == null) {
            double[] values = new double[n];
            Arrays.fill(values, fill);
            return values;
        }
        return array(estimator, name, n);
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1);
        return out;
    }

    static List<?> list(SklearnFile.Estimator estimator, String name) {
        return estimator.get(name) instanceof List<?> list ? list : List.of();
    }

    static SklearnFile.Estimator estimatorOrNull(Object value) {
        return value instanceof ClassDict dict ? SklearnFile.Estimator.of(dict) : null;
    }

    private static String describeValue(Object value) {
        return value instanceof ClassDict dict ? "a " + dict.getClassName() : value == null ? "None"
                : "a " + value.getClass().getSimpleName();
    }
}
