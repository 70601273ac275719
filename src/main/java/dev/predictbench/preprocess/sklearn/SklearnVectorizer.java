package dev.predictbench.preprocess.sklearn;

import dev.predictbench.preprocess.BagOfWords;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A fitted CountVectorizer or TfidfVectorizer as a {@link BagOfWords} step. */
final class SklearnVectorizer {

    private SklearnVectorizer() {
    }

    static BagOfWords bagOfWords(String where, SklearnFile.Estimator vectorizer, List<String> columns,
                                 boolean oneDimensional) {
        if (columns.size() != 1 || !oneDimensional && !where.equals("the file")) {
            throw new IllegalArgumentException(where + ": a " + vectorizer.className() + " reads one text column,"
                    + " selected by its name as a string (\"notes\", not [\"notes\"]), as scikit-learn requires");
        }
        // analyzer, input, preprocessor and tokenizer are checked by SklearnParameters.
        SklearnParameters.requireWideDtype(where, vectorizer);
        Object stripAccents = vectorizer.get("strip_accents");
        if (stripAccents != null && !"unicode".equals(stripAccents) && !"ascii".equals(stripAccents)) {
            throw SklearnParameters.refused(where, vectorizer, "strip_accents", "PredictBench reads 'unicode',"
                    + " 'ascii' and None (a callable is code, which PredictBench never runs)");
        }
        if (!(vectorizer.get("vocabulary_") instanceof Map<?, ?> vocabularyMap)) {
            throw new IllegalArgumentException(where + ": the " + vectorizer.className() + " has no vocabulary_;"
                    + " is it fitted?");
        }
        String[] vocabulary = new String[vocabularyMap.size()];
        vocabularyMap.forEach((word, index) -> vocabulary[(int) RestrictedUnpickler.toLong(index)] = (String) word);
        int[] ngrams = {1, 1};
        if (vectorizer.get("ngram_range") instanceof Object[] range && range.length == 2) {
            ngrams = new int[] {(int) RestrictedUnpickler.toLong(range[0]), (int) RestrictedUnpickler.toLong(range[1])};
        }
        double[] idf = null;
        String norm = null;
        boolean sublinear = false;
        if (vectorizer.className().equals("TfidfVectorizer")) {
            // transform runs the fitted _tfidf (a TfidfTransformer made at fit): its settings are the ones used.
            SklearnFile.Estimator tfidf = SklearnSteps.estimatorOrNull(vectorizer.get("_tfidf"));
            SklearnFile.Estimator settings = tfidf == null ? vectorizer : tfidf;
            Object normValue = settings.get("norm");
            if (normValue != null && !"l1".equals(normValue) && !"l2".equals(normValue)) {
                throw SklearnParameters.refused(where, settings, "norm", "PredictBench reads 'l1', 'l2' and None");
            }
            norm = (String) normValue;
            sublinear = Boolean.TRUE.equals(settings.get("sublinear_tf"));
            if (!Boolean.FALSE.equals(settings.get("use_idf"))) {
                idf = idf(where, vectorizer, vocabulary.length);
            }
        }
        if (!(vectorizer.get("token_pattern") instanceof String pattern)) {
            throw SklearnParameters.refused(where, vectorizer, "token_pattern", "PredictBench needs a token pattern"
                    + " (without one, scikit-learn uses a tokenizer, which is code)");
        }
        try {
            BagOfWords.javaPattern(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw SklearnParameters.refused(where, vectorizer, "token_pattern", e.getDescription());
        }
        return new BagOfWords(columns.get(0), Arrays.asList(vocabulary), !Boolean.FALSE.equals(vectorizer.get("lowercase")),
                pattern, Boolean.TRUE.equals(vectorizer.get("binary")), idf, ngrams[0], ngrams[1],
                stopWords(where, vectorizer.get("stop_words")), norm, sublinear, (String) stripAccents);
    }

    private static List<String> stopWords(String where, Object stopWords) {
        if (stopWords == null) {
            return List.of();
        }
        if ("english".equals(stopWords)) {
            return BagOfWords.englishStopWords();
        }
        if (stopWords instanceof Collection<?> words) {
            return words.stream().map(String::valueOf).toList();
        }
        throw new IllegalArgumentException(where + ": stop_words=" + SklearnParameters.python(stopWords)
                + " is not implemented; PredictBench reads a list or 'english'");
    }

    /** idf_ in vocabulary order: stored as the diagonal of a sparse matrix (_idf_diag) in scikit-learn 1.2. */
    private static double[] idf(String where, SklearnFile.Estimator vectorizer, int n) {
        SklearnFile.Estimator tfidf = SklearnSteps.estimatorOrNull(vectorizer.get("_tfidf"));
        if (tfidf == null) {
            throw new IllegalArgumentException(where + ": the TfidfVectorizer has no fitted _tfidf");
        }
        if (tfidf.get("idf_") instanceof NumpyArray) {
            return SklearnSteps.array(tfidf, "idf_", n);
        }
        SklearnFile.Estimator diagonal = SklearnSteps.estimatorOrNull(tfidf.get("_idf_diag"));
        if (diagonal == null || !(diagonal.get("data") instanceof NumpyArray data)
                || !(diagonal.get("indices") instanceof NumpyArray indices)
                || !(diagonal.get("indptr") instanceof NumpyArray indptr)) {
            throw new IllegalArgumentException(where + ": the TfidfVectorizer has no idf weights; is it fitted?");
        }
        double[] values = data.toDoubles();
        double[] columns = indices.toDoubles();
        double[] rows = indptr.toDoubles();
        if (rows.length != n + 1) {
            throw new IllegalArgumentException(where + ": the idf matrix has " + (rows.length - 1) + " rows for "
                    + n + " terms");
        }
        double[] idf = new double[n];
        for (int row = 0; row < n; row++) {
            for (int k = (int) rows[row]; k < (int) rows[row + 1]; k++) {
                if ((int) columns[k] == row) {
                    idf[row] = values[k];
                }
            }
        }
        return idf;
    }


}
