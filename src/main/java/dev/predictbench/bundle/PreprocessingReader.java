package dev.predictbench.bundle;

import dev.predictbench.preprocess.BagOfWords;
import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.Ordinal;
import dev.predictbench.preprocess.Passthrough;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.SklearnStep;
import dev.predictbench.preprocess.Standardize;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.FeatureType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Reads the manifest's {@code preprocessing} list and checks each step against the features. */
final class PreprocessingReader {

    private PreprocessingReader() {
    }

    /** Reads a scikit-learn file named by an {@code sklearn} step into equivalent native steps. */
    @FunctionalInterface
    interface SklearnResolver {
        /** @return null after reporting a problem on {@code item} */
        SklearnStep resolve(String file, List<String> columns, ManifestNode item);
    }

    static List<PreprocessStep> read(ManifestNode node, List<Feature> features, SklearnResolver sklearn) {
        Map<String, Feature> byName = features.stream()
                .collect(Collectors.toMap(Feature::name, Function.identity(), (a, b) -> a));
        List<PreprocessStep> steps = new ArrayList<>();
        for (ManifestNode item : node.requiredItems()) {
            if (!item.requireObject()) {
                continue;
            }
            String op = item.field("op").requiredText();
            if (op == null) {
                continue;
            }
            PreprocessStep step = switch (op) {
                case "standardize" -> standardize(item, byName);
                case "minmax" -> minMax(item, byName);
                case "one_hot" -> oneHot(item, byName);
                case "ordinal" -> ordinal(item, byName);
                case "passthrough" -> passthrough(item, byName);
                case "bag_of_words" -> bagOfWords(item, byName);
                case "sklearn" -> sklearnStep(item, byName, sklearn);
                default -> {
                    item.field("op").error("unknown op \"" + op + "\" (expected standardize, minmax, one_hot,"
                            + " ordinal, passthrough, bag_of_words or sklearn)");
                    yield null;
                }
            };
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private static PreprocessStep standardize(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "columns", "mean", "scale"));
        List<String> columns = numericColumns(item, features);
        double[] mean = sameLength(item.field("mean"), columns);
        double[] scale = sameLength(item.field("scale"), columns);
        Constants.scales(scale).ifPresent(item.field("scale")::error);
        return new Standardize(columns, mean, scale);
    }

    private static PreprocessStep minMax(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "columns", "min", "max", "range"));
        List<String> columns = numericColumns(item, features);
        double[] min = sameLength(item.field("min"), columns);
        double[] max = sameLength(item.field("max"), columns);
        double low = 0;
        double high = 1;
        ManifestNode range = item.field("range");
        if (range.isPresent()) {
            double[] bounds = range.requiredNumbers();
            if (bounds.length != 2 || !(bounds[0] < bounds[1])) {
                range.error("expected [a, b] with a < b");
            } else {
                low = bounds[0];
                high = bounds[1];
            }
        }
        Constants.spans(min, max, high - low).ifPresent(item::error);
        return new MinMax(columns, min, max, low, high);
    }

    private static PreprocessStep oneHot(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "column", "categories", "unknown"));
        String column = categoryColumn(item, features);
        List<String> categories = categories(item);
        String unknown = item.field("unknown").text("error");
        if (!unknown.equals("error") && !unknown.equals("ignore")) {
            item.field("unknown").error("expected error or ignore, found \"" + unknown + "\"");
        }
        return new OneHot(column, categories, unknown.equals("ignore"));
    }

    private static PreprocessStep ordinal(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "column", "categories"));
        return new Ordinal(categoryColumn(item, features), categories(item));
    }

    private static PreprocessStep passthrough(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "columns"));
        return new Passthrough(numericColumns(item, features));
    }

    private static PreprocessStep bagOfWords(ManifestNode item, Map<String, Feature> features) {
        item.warnUnknownFields(Set.of("op", "column", "vocabulary", "lowercase", "token_pattern", "binary", "idf",
                "ngram_range"));
        String column = textColumn(item, features);
        ManifestNode vocabularyNode = item.field("vocabulary");
        List<String> vocabulary = vocabularyNode.requiredTexts();
        if (vocabularyNode.isPresent() && vocabulary.isEmpty()) {
            vocabularyNode.error("at least one word is required");
        }
        if (Set.copyOf(vocabulary).size() != vocabulary.size()) {
            vocabularyNode.error("words must be unique");
        }
        String pattern = item.field("token_pattern").text(BagOfWords.DEFAULT_TOKEN_PATTERN);
        try {
            if (BagOfWords.javaPattern(pattern).matcher("").groupCount() > 1) {
                // scikit-learn refuses it too: a token is the whole match or its one group
                item.field("token_pattern").error("has more than one capturing group");
                pattern = BagOfWords.DEFAULT_TOKEN_PATTERN;
            }
        } catch (PatternSyntaxException e) {
            item.field("token_pattern").error("not a valid Python regular expression: " + e.getDescription());
            pattern = BagOfWords.DEFAULT_TOKEN_PATTERN;
        }
        double[] idf = null;
        if (item.field("idf").isPresent()) {
            idf = sameLength(item.field("idf"), vocabulary);
        }
        int[] ngrams = ngramRange(item.field("ngram_range"));
        BagOfWords step = new BagOfWords(column, vocabulary, item.field("lowercase").bool(true), pattern,
                item.field("binary").bool(false), idf, ngrams[0], ngrams[1], List.of(), idf == null ? null : "l2",
                false);
        // A term no text can produce would score as absent on every row: refused at load instead.
        var unmatchable = step.termsThatCannotMatch();
        if (!unmatchable.isEmpty()) {
            var first = unmatchable.entrySet().iterator().next();
            vocabularyNode.error(unmatchable.size() + " term(s) can never be counted, e.g. \"" + first.getKey()
                    + "\": a text holding just it gives the terms " + quoted(first.getValue()) + " (lowercase "
                    + step.lowercase() + ", token_pattern " + pattern + ", ngram_range [" + ngrams[0] + ", "
                    + ngrams[1] + "]); " + (unmatchable.size() > 1 ? "the others: "
                    + quoted(unmatchable.keySet().stream().skip(1).limit(5).toList())
                    + (unmatchable.size() > 6 ? " ..." : "") + "; " : "")
                    + "terms are tokens joined by one space, as scikit-learn's vectorizers learn them");
        }
        return step;
    }

    /** {@code [min_n, max_n]}, whole numbers with 1 <= min_n <= max_n; [1, 1] when absent. */
    private static int[] ngramRange(ManifestNode node) {
        if (!node.isPresent()) {
            return new int[] {1, 1};
        }
        double[] range = node.requiredNumbers();
        if (range.length != 2 || range[0] != Math.rint(range[0]) || range[1] != Math.rint(range[1])
                || !(1 <= range[0] && range[0] <= range[1] && range[1] <= 100)) {
            node.error("expected [min_n, max_n], whole numbers with 1 <= min_n <= max_n <= 100");
            return new int[] {1, 1};
        }
        return new int[] {(int) range[0], (int) range[1]};
    }

    private static String quoted(List<String> terms) {
        return terms.stream().map(t -> "\"" + t + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static PreprocessStep sklearnStep(ManifestNode item, Map<String, Feature> features,
                                              SklearnResolver sklearn) {
        item.warnUnknownFields(Set.of("op", "file", "columns"));
        String file = item.field("file").requiredText();
        ManifestNode node = item.field("columns");
        List<String> columns = node.requiredTexts();
        for (String column : columns) {
            if (!features.containsKey(column)) {
                node.error("\"" + column + "\" is not a declared feature");
            }
        }
        if (file == null || columns.isEmpty()) {
            return null;
        }
        SklearnStep step = sklearn.resolve(file, columns, item);
        if (step != null) {
            step.steps().forEach(inner -> Constants.of(inner)
                    .ifPresent(problem -> item.field("file").error(file + ": " + step.estimator() + ": " + problem)));
            for (PreprocessStep inner : step.steps()) {
                FeatureType needed = neededType(inner);
                for (String column : inner.columns()) {
                    Feature feature = features.get(column);
                    boolean fits = feature == null || (needed == FeatureType.NUMBER ? feature.type().isNumeric()
                            : feature.type() == needed || needed == FeatureType.CATEGORY
                            && feature.type() == FeatureType.TEXT);
                    if (!fits) {
                        node.error("\"" + column + "\" is a " + feature.type().manifestName() + " feature; the "
                                + step.estimator() + " in " + file + " needs " + (needed == FeatureType.NUMBER
                                ? "numbers" : needed == FeatureType.TEXT ? "text" : "a category"));
                    }
                }
            }
        }
        return step;
    }

    /** The feature type a native step reads: categories for encoders, text for bag of words, else numbers. */
    static FeatureType neededType(PreprocessStep step) {
        return step instanceof OneHot || step instanceof Ordinal ? FeatureType.CATEGORY
                : step instanceof BagOfWords ? FeatureType.TEXT : FeatureType.NUMBER;
    }

    private static List<String> categories(ManifestNode item) {
        ManifestNode node = item.field("categories");
        List<String> categories = node.requiredTexts();
        if (node.isPresent() && categories.isEmpty()) {
            node.error("at least one category is required");
        }
        if (Set.copyOf(categories).size() != categories.size()) {
            node.error("categories must be unique");
        }
        return categories;
    }

    private static List<String> numericColumns(ManifestNode item, Map<String, Feature> features) {
        ManifestNode node = item.field("columns");
        List<String> columns = node.requiredTexts();
        for (int i = 0; i < columns.size(); i++) {
            Feature feature = features.get(columns.get(i));
            if (feature == null) {
                node.error("\"" + columns.get(i) + "\" is not a declared feature");
            } else if (!feature.type().isNumeric()) {
                node.error("\"" + columns.get(i) + "\" is a " + feature.type().manifestName()
                        + " feature; this op needs numbers");
            }
        }
        return columns;
    }

    private static String categoryColumn(ManifestNode item, Map<String, Feature> features) {
        return column(item, features, "this op needs a category");
    }

    private static String textColumn(ManifestNode item, Map<String, Feature> features) {
        return column(item, features, "bag_of_words needs text");
    }

    /** The step's {@code column}: a declared feature of type category or text. */
    private static String column(ManifestNode item, Map<String, Feature> features, String need) {
        ManifestNode node = item.field("column");
        String column = node.requiredText();
        if (column != null) {
            Feature feature = features.get(column);
            if (feature == null) {
                node.error("\"" + column + "\" is not a declared feature");
            } else if (feature.type() != FeatureType.CATEGORY && feature.type() != FeatureType.TEXT) {
                node.error("\"" + column + "\" is a " + feature.type().manifestName() + " feature; " + need);
            }
        }
        return column;
    }

    private static double[] sameLength(ManifestNode node, List<String> columns) {
        double[] values = node.requiredNumbers();
        if (node.isPresent() && values.length != columns.size()) {
            node.error("has " + values.length + " entries for " + columns.size() + " columns");
        }
        return values;
    }
}
