package dev.predictbench.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scikit-learn's CountVectorizer / TfidfVectorizer (analyzer 'word') on one text column:
 * the text is lowercased ({@code str.lower()}) and its accents stripped ({@code stripAccents}
 * 'unicode' or 'ascii'), tokens are found with {@code tokenPattern} (a Python {@code re}
 * pattern, matched with Python's rules: {@link PythonRegex}), stop words removed,
 * word n-grams from {@code ngramMin} to {@code ngramMax} joined by a space, counted per
 * vocabulary term, optionally clipped to 0/1 ({@code binary}), then for tf-idf
 * {@code 1 + log(tf)} when {@code sublinearTf}, weighted by {@code idf} and scaled to unit
 * {@code norm} (l1, l2, or none).
 *
 * @param idf inverse document frequencies in vocabulary order, or null for plain counts
 * @param norm "l2", "l1" or null
 * @param stripAccents "unicode", "ascii" or null
 */
public record BagOfWords(String column, List<String> vocabulary, boolean lowercase, String tokenPattern,
                         boolean binary, double[] idf, int ngramMin, int ngramMax, List<String> stopWords,
                         String norm, boolean sublinearTf, String stripAccents) implements PreprocessStep {

    /** scikit-learn's default token pattern: words of two or more word characters. */
    public static final String DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

    public BagOfWords {
        vocabulary = List.copyOf(vocabulary);
        stopWords = List.copyOf(stopWords);
        if (ngramMin < 1 || ngramMax < ngramMin) {
            throw new IllegalArgumentException("ngram range (" + ngramMin + ", " + ngramMax + ") is not valid");
        }
        if (stripAccents != null && !stripAccents.equals("unicode") && !stripAccents.equals("ascii")) {
            throw new IllegalArgumentException("strip_accents '" + stripAccents + "' is not 'unicode' or 'ascii'");
        }
    }

    /** Without accent stripping. */
    public BagOfWords(String column, List<String> vocabulary, boolean lowercase, String tokenPattern, boolean binary,
                      double[] idf, int ngramMin, int ngramMax, List<String> stopWords, String norm,
                      boolean sublinearTf) {
        this(column, vocabulary, lowercase, tokenPattern, binary, idf, ngramMin, ngramMax, stopWords, norm,
                sublinearTf, null);
    }

    /** Unigrams, no stop words; tf-idf (when {@code idf} is given) with the L2 norm, as the defaults are. */
    public BagOfWords(String column, List<String> vocabulary, boolean lowercase, String tokenPattern, boolean binary,
                      double[] idf) {
        this(column, vocabulary, lowercase, tokenPattern, binary, idf, 1, 1, List.of(), idf == null ? null : "l2",
                false);
    }

    /** scikit-learn's built-in 'english' stop-word list (sklearn.feature_extraction.text.ENGLISH_STOP_WORDS). */
    public static List<String> englishStopWords() {
        try (InputStream in = BagOfWords.class.getResourceAsStream("english-stop-words.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java pattern that matches what Python's {@code re} matches with {@code pythonPattern}. */
    public static Pattern javaPattern(String pythonPattern) {
        return PythonRegex.compile(pythonPattern);
    }

    /** The terms scikit-learn's analyzer gives for {@code text} under these settings (compile() keeps its pattern). */
    public List<String> analyze(String text) {
        return terms(text, javaPattern(tokenPattern), Set.copyOf(stopWords));
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
        Set<String> stop = Set.copyOf(stopWords);
        int width = vocabulary.size();
        double[] weights = idf == null ? null : idf.clone();
        return (row, out, offset) -> {
            double[] counts = new double[width];
            String text = row.texts()[feature];
            if (text != null) {
                for (String term : terms(text, pattern, stop)) {
                    Integer index = position.get(term);
                    if (index != null) {
                        counts[index]++;
                    }
                }
            }
            double total = 0;
            for (int i = 0; i < width; i++) {
                double tf = binary ? Math.min(counts[i], 1) : counts[i];
                if (sublinearTf && tf > 0) {
                    tf = Math.log(tf) + 1;
                }
                counts[i] = weights == null ? tf : tf * weights[i];
                total += "l1".equals(norm) ? Math.abs(counts[i]) : counts[i] * counts[i];
            }
            double scale = norm == null || total == 0 ? 1 : "l1".equals(norm) ? 1 / total : 1 / Math.sqrt(total);
            for (int i = 0; i < width; i++) {
                out[offset + i] = (float) (counts[i] * scale);
            }
        };
    }

    /**
     * The vocabulary terms no text can produce under these settings, each with the terms its own
     * text gives: a bigram with ngram range (1, 1), "Chest" when lowercasing, "a" with the default
     * pattern. A text holding just the term gives it whenever any text can, so this is exact for
     * the patterns vectorizers use.
     */
    public java.util.Map<String, List<String>> termsThatCannotMatch() {
        Pattern pattern = javaPattern(tokenPattern);
        Set<String> stop = Set.copyOf(stopWords);
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String term : vocabulary) {
            List<String> own = terms(term, pattern, stop);
            if (!own.contains(term)) {
                out.put(term, own);
            }
        }
        return out;
    }

    /** scikit-learn's _word_ngrams: stop words out, then the n-grams of the remaining tokens. */
    private List<String> terms(String text, Pattern pattern, Set<String> stop) {
        List<String> tokens = new ArrayList<>();
        // scikit-learn's _preprocess: lower first, then strip accents.
        String prepared = lowercase ? PythonText.lower(text) : text;
        if ("unicode".equals(stripAccents)) {
            prepared = PythonText.stripAccentsUnicode(prepared);
        } else if ("ascii".equals(stripAccents)) {
            prepared = PythonText.stripAccentsAscii(prepared);
        }
        Matcher matcher = pattern.matcher(new StepBoundedText(prepared));
        try {
            while (matcher.find()) {
                String token = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                if (token == null) {
                    token = "";   // Python's findall gives '' for a group that took no part in the match
                }
                if (!stop.contains(token)) {
                    tokens.add(token);
                }
            }
        } catch (StepBoundedText.TooManySteps | StackOverflowError e) {
            throw new dev.predictbench.InputException("the token pattern " + tokenPattern + " of column " + column
                    + " backtracks without bound on a cell of " + String.format("%,d", prepared.length())
                    + " characters (" + (e instanceof StackOverflowError ? "the matcher ran out of stack"
                    : "over " + String.format("%,d", StepBoundedText.BASE_STEPS + StepBoundedText.STEPS_PER_CHAR
                    * prepared.length()) + " steps") + "); the bundle's pattern must be fixed (a pattern without"
                    + " nested repetition, such as scikit-learn's default (?u)\\b\\w\\w+\\b)");
        }
        if (ngramMax == 1) {
            return tokens;
        }
        List<String> terms = new ArrayList<>();
        int from = ngramMin;
        if (from == 1) {
            terms.addAll(tokens);
            from = 2;
        }
        for (int n = from; n <= Math.min(ngramMax, tokens.size()); n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                terms.add(String.join(" ", tokens.subList(i, i + n)));
            }
        }
        return terms;
    }

    @Override
    public String describe() {
        return vocabulary.size() + " terms" + (ngramMax > 1 ? ", " + ngramMin + "- to " + ngramMax + "-grams" : "")
                + (binary ? ", binary" : "") + (stopWords.isEmpty() ? "" : ", " + stopWords.size() + " stop words")
                + (idf != null ? ", tf-idf" + (sublinearTf ? " (sublinear)" : "") : "")
                + (norm != null ? ", " + norm + " norm" : "") + (lowercase ? ", lowercased" : "")
                + (stripAccents != null ? ", accents stripped (" + stripAccents + ")" : "");
    }
}
