package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.calibration.Calibrator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Champion and challenger on the same file: how often they agree, which classes rows
 * move between (the flip matrix), their probabilities side by side, and, when the
 * file has the label column, accuracy, NLL and ECE of each (at each bundle's own
 * temperature). Both bundles must predict the same classes.
 */
public final class ModelComparison {

    /**
     * @param flips flips[a][b]: rows the champion puts in class a and the challenger in class b
     * @param champion probability of the positive (binary) or the champion's top class, per row
     * @param challenger the challenger's probability for the same class, per row (at most 100,000 rows)
     * @param championMetrics metrics on labelled rows, or null when the file has no labels
     */
    public record Result(List<String> classes, long rows, long agreements, long[][] flips, float[] champion,
                         float[] challenger, CalibrationMetrics championMetrics, CalibrationMetrics challengerMetrics) {

        public double agreement() {
            return rows == 0 ? Double.NaN : (double) agreements / rows;
        }
    }

    private static final int MAX_POINTS = 100_000;

    private ModelComparison() {
    }

    public static Result run(Scorer champion, Scorer challenger, Path file, ScoringProgress.Listener progress,
                             BooleanSupplier cancelled) {
        List<String> classes = champion.bundle().manifest().task().classes();
        if (classes.isEmpty() || !classes.equals(challenger.bundle().manifest().task().classes())) {
            throw new InputException(challenger.bundle().source() + ": predicts " + challenger.bundle().manifest()
                    .task().classes() + ", the champion " + classes + "; compare classifiers of the same classes");
        }
        // With a label column, the labelled logits come from the same pass as the predictions.
        String target = champion.bundle().manifest().task().target();
        boolean labelled = target != null && dev.predictbench.data.CsvSource.hasColumn(file, target);
        LabelledScoring.Collector labelsX = labelled ? LabelledScoring.collector(champion.bundle(), file, target) : null;
        LabelledScoring.Collector labelsY = labelled ? LabelledScoring.collector(challenger.bundle(), file, target)
                : null;
        List<ScoredRow> first = collect(champion, file, labelsX, progress, cancelled);
        List<ScoredRow> second = collect(challenger, file, labelsY, progress, cancelled);
        int k = classes.size();
        int positive = champion.bundle().manifest().task().positiveClass() == null ? -1
                : classes.indexOf(champion.bundle().manifest().task().positiveClass());
        long[][] flips = new long[k][k];
        long rows = 0;
        long agree = 0;
        List<Float> a = new ArrayList<>();
        List<Float> b = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            ScoredRow x = first.get(i);
            ScoredRow y = second.get(i);
            if (!x.valid() || !y.valid()) {
                continue;
            }
            int cx = classes.indexOf(x.prediction());
            int cy = classes.indexOf(y.prediction());
            flips[cx][cy]++;
            rows++;
            agree += cx == cy ? 1 : 0;
            if (a.size() < MAX_POINTS) {
                int shown = positive >= 0 ? positive : cx;
                a.add((float) x.probabilities()[shown]);
                b.add((float) y.probabilities()[shown]);
            }
        }
        boolean metrics = labelled && labelsX.size() > 0;
        return new Result(classes, rows, agree, flips, toArray(a), toArray(b),
                metrics ? metricsAt(champion, labelsX) : null, metrics ? metricsAt(challenger, labelsY) : null);
    }

    /** Accuracy, NLL and ECE of a model at its own bundle's temperature. */
    private static CalibrationMetrics metricsAt(Scorer scorer, LabelledScoring.Collector labels) {
        return new Calibrator(labels.logits()).metrics(scorer.bundle().manifest().temperature());
    }

    private static List<ScoredRow> collect(Scorer scorer, Path file, ScoredRowSink labels,
                                           ScoringProgress.Listener progress, BooleanSupplier cancelled) {
        List<ScoredRow> rows = new ArrayList<>();
        scorer.score(file, ScoringOptions.defaults(), new ScoredRowSink() {
            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
                if (labels != null) {
                    labels.begin(inputColumns, layout);
                }
            }

            @Override
            public void accept(ScoredRow row) {
                if (labels != null) {
                    labels.accept(row);
                }
                // Only what the comparison needs, so large files stay small in memory.
                rows.add(new ScoredRow(row.row(), new String[0], row.failures(), row.prediction(),
                        row.probabilities(), null, new float[0]));
            }
        }, progress, cancelled);
        return rows;
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
