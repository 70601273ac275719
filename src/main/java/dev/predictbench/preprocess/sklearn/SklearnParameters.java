package dev.predictbench.preprocess.sklearn;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Every constructor parameter ({@code get_params(deep=False)} in scikit-learn 1.2) of each
 * class the importer reads, and what PredictBench does with it. A parameter that PredictBench
 * does not implement is checked to be at its default when the file is read, and otherwise
 * refused naming the step, the class, the parameter and its value: it is never treated as its
 * default. docs/bundle-format.md has the same table; SklearnParametersTest holds it against
 * scikit-learn's own lists.
 */
public final class SklearnParameters {

    /** What the reader does with a parameter. */
    public enum Handling {
        /** Reproduced by the native steps (values it cannot reproduce are refused by the reader). */
        READ,
        /** Used by fit only; its effect is in a fitted attribute that is read (vocabulary_, statistics_...). */
        FITTED,
        /** Does not change the values transform returns (copy, n_jobs, verbose, sparse or dense output). */
        NO_EFFECT,
        /** Not implemented: checked to be at its default, else the file is refused. */
        DEFAULT_ONLY
    }

    /** One parameter: for DEFAULT_ONLY, the default it must have and what to do instead. */
    public record Parameter(String name, Handling handling, Object defaultValue, String advice) {
    }

    private static final Map<String, List<Parameter>> TABLE = new LinkedHashMap<>();

    private static final List<Parameter> VECTORIZER = List.of(
            only("analyzer", "word", "character n-grams and callables are not implemented"),
            read("binary"),
            none("decode_error"),   // cells are str, never bytes: nothing is decoded
            read("dtype"),
            none("encoding"),
            only("input", "content", "the cells are the documents"),
            read("lowercase"),
            fitted("max_df"),
            fitted("max_features"),
            fitted("min_df"),
            read("ngram_range"),
            only("preprocessor", null, "a custom preprocessor is code, which PredictBench never runs"),
            read("stop_words"),
            read("strip_accents"),
            read("token_pattern"),
            only("tokenizer", null, "a custom tokenizer is code, which PredictBench never runs"),
            fitted("vocabulary"));

    static {
        TABLE.put("Pipeline", List.of(none("memory"), read("steps"), none("verbose")));
        TABLE.put("ColumnTransformer", List.of(none("n_jobs"), read("remainder"), none("sparse_threshold"),
                read("transformer_weights"), read("transformers"), none("verbose"),
                none("verbose_feature_names_out")));
        TABLE.put("SimpleImputer", List.of(
                only("add_indicator", false, "indicator columns are not produced; refit with add_indicator=False"),
                none("copy"), fitted("fill_value"), fitted("keep_empty_features"), read("missing_values"),
                fitted("strategy"), none("verbose")));
        TABLE.put("StandardScaler", List.of(none("copy"), read("with_mean"), read("with_std")));
        TABLE.put("MinMaxScaler", List.of(read("clip"), none("copy"), read("feature_range")));
        TABLE.put("RobustScaler", List.of(none("copy"), fitted("quantile_range"), fitted("unit_variance"),
                read("with_centering"), read("with_scaling")));
        TABLE.put("MaxAbsScaler", List.of(none("copy")));
        TABLE.put("OneHotEncoder", List.of(fitted("categories"), read("drop"), none("dtype"), read("handle_unknown"),
                only("max_categories", null, "infrequent categories are not implemented; refit without"
                        + " max_categories"),
                only("min_frequency", null, "infrequent categories are not implemented; refit without"
                        + " min_frequency"),
                none("sparse"), none("sparse_output")));
        TABLE.put("OrdinalEncoder", List.of(fitted("categories"), read("dtype"), read("encoded_missing_value"),
                read("handle_unknown"), read("unknown_value")));
        TABLE.put("CountVectorizer", VECTORIZER);
        List<Parameter> tfidf = new java.util.ArrayList<>(VECTORIZER);
        tfidf.addAll(List.of(read("norm"), fitted("smooth_idf"), read("sublinear_tf"), read("use_idf")));
        TABLE.put("TfidfVectorizer", List.copyOf(tfidf));
    }

    private SklearnParameters() {
    }

    /** Class name to its parameters and how each is handled, in scikit-learn's (alphabetical) order. */
    public static Map<String, Map<String, Handling>> table() {
        Map<String, Map<String, Handling>> out = new LinkedHashMap<>();
        TABLE.forEach((cls, parameters) -> out.put(cls, parameters.stream().collect(Collectors.toMap(
                Parameter::name, Parameter::handling, (a, b) -> a, LinkedHashMap::new))));
        return out;
    }

    /**
     * Refuses {@code estimator} when a parameter PredictBench does not implement is away from its
     * default. An attribute absent from the file (an older scikit-learn without that parameter)
     * counts as the default.
     */
    static void check(String where, SklearnFile.Estimator estimator) {
        for (Parameter p : TABLE.getOrDefault(estimator.className(), List.of())) {
            if (p.handling() == Handling.DEFAULT_ONLY && estimator.attributes().containsKey(p.name())
                    && !sameValue(estimator.get(p.name()), p.defaultValue())) {
                throw refused(where, estimator, p.name(), "PredictBench reproduces only " + p.name() + "="
                        + python(p.defaultValue()) + ": " + p.advice());
            }
        }
    }

    /**
     * Counts and codes in a narrow dtype wrap around in scikit-learn (CountVectorizer(dtype=np.int8)
     * past 127, OrdinalEncoder(dtype=np.int8) past 127 categories); float64, float32, int64 and int32
     * give the model the same numbers.
     */
    static void requireWideDtype(String where, SklearnFile.Estimator estimator) {
        Object dtype = estimator.get("dtype");
        String name = dtype instanceof RestrictedUnpickler.NumpyType type ? type.name().substring("numpy.".length())
                : dtype instanceof NumpyArray.Dtype d ? d.typeName() : String.valueOf(dtype);
        if (dtype != null && !List.of("float64", "float32", "int64", "int32").contains(name)) {
            throw refused(where, estimator, "dtype", "PredictBench reproduces numpy.float64, float32, int64 and"
                    + " int32 (a narrower type wraps around on large values)");
        }
    }

    /** {@code <where>: <Class>(<name>=<value>) is not implemented; <why>}. */
    static IllegalArgumentException refused(String where, SklearnFile.Estimator estimator, String name, String why) {
        return new IllegalArgumentException(where + ": " + estimator.className() + "(" + name + "="
                + python(estimator.get(name)) + ") is not implemented; " + why);
    }

    private static boolean sameValue(Object value, Object expected) {
        if (value instanceof Number a && expected instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return java.util.Objects.equals(value, expected);
    }

    /** A value as Python prints it (repr), so a message quotes what the data scientist wrote. */
    static String python(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
        }
        if (value instanceof Object[] tuple) {
            return "(" + java.util.Arrays.stream(tuple).map(SklearnParameters::python)
                    .collect(Collectors.joining(", ")) + (tuple.length == 1 ? ",)" : ")");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SklearnParameters::python).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Collection<?> set) {
            return set.stream().map(SklearnParameters::python).sorted().collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> python(e.getKey()) + ": " + python(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof ClassDict dict) {
            return dict.getClassName() + "(...)";
        }
        if (value instanceof RestrictedUnpickler.NumpyType type) {
            return type.name();
        }
        if (value instanceof NumpyArray.Dtype dtype) {
            return "dtype('" + dtype.typeName() + "')";
        }
        return String.valueOf(value);
    }

    private static Parameter read(String name) {
        return new Parameter(name, Handling.READ, null, null);
    }

    private static Parameter fitted(String name) {
        return new Parameter(name, Handling.FITTED, null, null);
    }

    private static Parameter none(String name) {
        return new Parameter(name, Handling.NO_EFFECT, null, null);
    }

    private static Parameter only(String name, Object defaultValue, String advice) {
        return new Parameter(name, Handling.DEFAULT_ONLY, defaultValue, advice);
    }
}
