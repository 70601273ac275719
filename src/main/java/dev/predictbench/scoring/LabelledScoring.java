package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.ModelOutput;
import dev.predictbench.calibration.LabelledLogits;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs the model over a labelled validation file and keeps each valid row's logits
 * and true class: the input of the calibration lab and the calibrate command. Rows
 * that fail validation are skipped and counted; a label that is not one of the
 * bundle's classes (by name, or by index 0..K-1) makes the file unusable.
 */
public final class LabelledScoring {

    /** The labelled logits and how many rows were left out because they failed validation. */
    public record Result(LabelledLogits logits, long rows, long skippedInvalid, String target) {
    }

    private LabelledScoring() {
    }

    public static Result collect(Scorer scorer, Path file, String target, ScoringProgress.Listener progress,
                                 BooleanSupplier cancelled) {
        Collector collector = collector(scorer.bundle(), file, target);
        ScoringOptions options = new ScoringOptions(ScoringOptions.defaults().device(),
                ScoringOptions.DEFAULT_BATCH_SIZE, 1.0, InvalidRows.KEEP);
        ScoringSummary summary = scorer.score(file, options, collector, progress, cancelled);
        if (collector.size == 0) {
            throw new InputException(file + ": no valid labelled rows to calibrate on (" + summary.invalidRows()
                    + " rows failed validation)");
        }
        return new Result(collector.logits(), summary.rows(), summary.invalidRows(), collector.column);
    }

    /**
     * A sink that keeps each valid row's logits and label, for callers that score the file
     * anyway (the model comparison) and want the labelled set from the same pass.
     */
    static Collector collector(Bundle bundle, Path file, String target) {
        var task = bundle.manifest().task();
        if (!task.isClassification()) {
            throw new InputException(bundle.source() + ": calibration needs a classification model; this one is "
                    + task.type().manifestName());
        }
        String column = target != null ? target : task.target();
        if (column == null) {
            throw new InputException(bundle.source() + ": the bundle names no target column; give --target COLUMN");
        }
        int positive = task.type() == dev.predictbench.bundle.TaskType.BINARY
                ? task.classes().indexOf(task.positiveClass()) : -1;
        boolean probabilities = bundle.manifest().model().output() == ModelOutput.PROBABILITIES;
        return new Collector(file, column, task.classes(), probabilities, positive);
    }

    static final class Collector implements ScoredRowSink {
        private final Path file;
        private final String column;
        private final List<String> classes;
        private final boolean probabilities;
        private final int positive;
        private int labelIndex = -1;
        private double[] logits = new double[1024];
        private int[] labels = new int[256];
        private int size;

        Collector(Path file, String column, List<String> classes, boolean probabilities, int positive) {
            this.file = file;
            this.column = column;
            this.classes = classes;
            this.probabilities = probabilities;
            this.positive = positive;
        }

        @Override
        public void begin(List<String> inputColumns, OutputLayout layout) {
            labelIndex = inputColumns.indexOf(column);
            if (labelIndex < 0) {
                throw new InputException(file + ": has no label column \"" + column
                        + "\"; name the column that holds the true class with --target");
            }
        }

        @Override
        public void accept(ScoredRow row) {
            if (!row.valid()) {
                return;
            }
            String text = labelIndex < row.cells().length ? row.cells()[labelIndex].strip() : "";
            int label = classOf(text);
            if (label < 0) {
                throw new InputException(file + ": row " + row.row() + ", column \"" + column + "\": \"" + text
                        + "\" is not one of the classes " + classes);
            }
            int k = classes.size();
            if ((size + 1) * k > logits.length) {
                logits = java.util.Arrays.copyOf(logits, logits.length * 2);
            }
            if (size == labels.length) {
                labels = java.util.Arrays.copyOf(labels, labels.length * 2);
            }
            LabelledLogits.toLogits(row.outputs(), probabilities, Math.max(positive, 0), logits, size * k, k);
            labels[size++] = label;
        }

        int size() {
            return size;
        }

        LabelledLogits logits() {
            int k = classes.size();
            return new LabelledLogits(java.util.Arrays.copyOf(logits, size * k), java.util.Arrays.copyOf(labels, size),
                    k, positive);
        }

        private int classOf(String text) {
            int byName = classes.indexOf(text);
            if (byName >= 0) {
                return byName;
            }
            // A class index in ASCII digits, as pandas reads an integer label (Integer.parseInt would take "١").
            if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int index = Integer.parseInt(text);
            return index < classes.size() ? index : -1;
        }
    }
}
