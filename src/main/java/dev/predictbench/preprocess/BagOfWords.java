package dev.predictbench.preprocess;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scikit-learn's CountVectorizer / TfidfVectorizer on one text column: tokens are
 * found with {@code tokenPattern} (after lowercasing), counted per vocabulary word,
 * optionally clipped to 0/1 ({@code binary}), and with {@code idf} weighted by it and
 * scaled to unit L2 norm, as TfidfVectorizer's defaults do.
 *
 * @param idf inverse document frequencies in vocabulary order, or null for plain counts
 */
public record BagOfWords(String column, List<String> vocabulary, boolean lowercase, String tokenPattern,
                         boolean binary, double[] idf) implements PreprocessStep {

    /** scikit-learn's default token pattern: words of two or more word characters. */
    public static final String DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

    public BagOfWords {
        vocabulary = List.copyOf(vocabulary);
    }

    /**
     * Python's {@code (?u)} flag means Unicode-aware \w and \b, which Java spells {@code (?U)};
     * the rest of a simple token pattern reads the same in both.
     */
    public static Pattern javaPattern(String pythonPattern) {
        return Pattern.compile(pythonPattern.replace("(?u)", "(?U)"), Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Override
    public String op() {
        return "bag_of_words";
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public int width() {
        return vocabulary.size();
    }

    @Override
    public CompiledStep compile(ToIntFunction<String> featureIndex) {
        int feature = featureIndex.applyAsInt(column);
        Map<String, Integer> position = Columns.positions(vocabulary);
        Pattern pattern = javaPattern(tokenPattern);
        int width = vocabulary.size();
        double[] weights = idf == null ? null : idf.clone();
        return (row, out, offset) -> {
            double[] counts = new double[width];
            String text = row.texts()[feature];
            if (text != null) {
                Matcher tokens = pattern.matcher(lowercase ? text.toLowerCase(java.util.Locale.ROOT) : text);
                while (tokens.find()) {
                    Integer index = position.get(tokens.group());
                    if (index != null) {
                        counts[index]++;
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < width; i++) {
                double tf = binary ? Math.min(counts[i], 1) : counts[i];
                counts[i] = weights == null ? tf : tf * weights[i];
                norm += counts[i] * counts[i];
            }
            double scale = weights != null && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int i = 0; i < width; i++) {
                out[offset + i] = (float) (counts[i] * scale);
            }
        };
    }

    @Override
    public String describe() {
        return vocabulary.size() + " words" + (binary ? ", binary" : "") + (idf != null ? ", tf-idf (L2)" : "")
                + (lowercase ? ", lowercased" : "");
    }
}
