package dev.predictbench.ui.uncertainty;

import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.ui.WorkbenchModel;
import dev.predictbench.uncertainty.UncertaintySummary;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Task;

/**
 * Monte-Carlo dropout over the open file: N passes per row (default 30) in the
 * background, summarised as distributions, the most uncertain rows, and up to
 * 100,000 (probability, std) points for the scatter.
 */
public final class UncertaintyModel {

    private static final int MAX_POINTS = 100_000;

    /** What one MC run over the file found. */
    public record Result(UncertaintySummary summary, float[] x, float[] y, double xMax, String xLabel) {
    }

    private final WorkbenchModel workbench;
    private final IntegerProperty passes = new SimpleIntegerProperty(30);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>();

    public UncertaintyModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        workbench.scorerProperty().addListener((obs, old, s) -> result.set(null));
    }

    public IntegerProperty passesProperty() {
        return passes;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Task<Result> run() {
        Scorer scorer = workbench.scorerProperty().get();
        Path data = workbench.dataFileProperty().get();
        int n = passes.get();
        List<String> classes = scorer.bundle().manifest().task().classes();
        ScoringOptions options = ScoringOptions.defaults().withMonteCarlo(n, 1L).withColumns(workbench.columnMapping())
                .withDialect(workbench.csvDialect());
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() {
                updateMessage(String.format("Running %d dropout passes per row over %s...", n, data.getFileName()));
                UncertaintySummary summary = new UncertaintySummary(30, 0.5,
                        classes.isEmpty() ? 1 : Math.log(classes.size()), 50);
                float[] x = new float[MAX_POINTS];
                float[] y = new float[MAX_POINTS];
                int[] points = new int[1];
                double[] xMax = {1};
                scorer.score(data, options, new ScoredRowSink() {
                    @Override
                    public void begin(List<String> inputColumns, OutputLayout layout) {
                    }

                    @Override
                    public void accept(ScoredRow row) {
                        if (!row.valid()) {
                            return;
                        }
                        int predicted = classes.isEmpty() ? 0 : classes.indexOf(row.prediction());
                        summary.add(row.row(), row.prediction(), predicted, row.uncertainty());
                        if (points[0] < MAX_POINTS) {
                            double value = classes.isEmpty() ? Double.parseDouble(row.prediction())
                                    : row.probabilities()[predicted];
                            xMax[0] = Math.max(xMax[0], Math.abs(value));
                            x[points[0]] = (float) Math.abs(value);
                            y[points[0]++] = (float) row.uncertainty().std()[predicted];
                        }
                    }
                }, p -> updateProgress(p.fraction(), 1), this::isCancelled);
                updateMessage(String.format("%,d rows, %d passes each.", summary.rows(), n));
                return new Result(summary, java.util.Arrays.copyOf(x, points[0]), java.util.Arrays.copyOf(y, points[0]),
                        classes.isEmpty() ? xMax[0] : 1, classes.isEmpty() ? "|predicted value|" : "p(predicted class)");
            }
        };
        task.setOnSucceeded(e -> result.set(task.getValue()));
        return workbench.run(task);
    }
}
