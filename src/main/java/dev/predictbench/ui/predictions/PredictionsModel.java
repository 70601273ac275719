package dev.predictbench.ui.predictions;

import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredFileExport;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringSummary;
import dev.predictbench.ui.WorkbenchModel;
import dev.predictbench.uncertainty.Histogram;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Scores the open data file with the open bundle and holds the rows for the table.
 * Rows reach the FX thread in chunks while scoring runs; the table keeps at most
 * {@link #MAX_SHOWN} rows, the export writes them all.
 */
public final class PredictionsModel {

    public static final int MAX_SHOWN = 100_000;
    private static final int CHUNK = 2_000;

    private final WorkbenchModel workbench;
    private final ObservableList<ScoredRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<String>> inputColumns = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<OutputLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ScoringSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Histogram>> histograms = new ReadOnlyObjectWrapper<>(List.of());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(ScoringOptions.DEFAULT_BATCH_SIZE);
    private final BooleanProperty guardFormulas = new SimpleBooleanProperty(false);

    public PredictionsModel(WorkbenchModel workbench) {
        this.workbench = workbench;
    }

    public ObservableList<ScoredRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<List<String>> inputColumnsProperty() {
        return inputColumns.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OutputLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ScoringSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Histograms of the predicted probability per class (regression: one, of the values). */
    public ReadOnlyObjectProperty<List<Histogram>> histogramsProperty() {
        return histograms.getReadOnlyProperty();
    }

    /** Whether exports defuse cells a spreadsheet would run as formulas. */
    public BooleanProperty guardFormulasProperty() {
        return guardFormulas;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    private ScoringOptions options() {
        return new ScoringOptions(workbench.deviceProperty().get(), batchSize.get(), null,
                ScoringOptions.defaults().invalidRows()).withColumns(workbench.columnMapping())
                .withDialect(workbench.csvDialect());
    }

    public boolean canScore() {
        return workbench.scorerProperty().get() != null && workbench.dataFileProperty().get() != null
                && !workbench.isBusy();
    }

    public Task<ScoringSummary> score() {
        Scorer scorer = workbench.scorerProperty().get();
        Path data = workbench.dataFileProperty().get();
        ScoringOptions options = options();
        rows.clear();
        summary.set(null);
        histograms.set(List.of());
        Task<ScoringSummary> task = new Task<>() {
            @Override
            protected ScoringSummary call() {
                updateMessage("Scoring " + data.getFileName() + "...");
                TableFeed feed = new TableFeed(scorer.bundle().manifest().task().classes().size());
                ScoringSummary result = scorer.score(data, options, feed,
                        p -> {
                            updateProgress(p.fraction(), 1);
                            updateMessage(String.format("Scoring: %,d of ~%,d rows, %,.0f rows/s", p.rowsDone(),
                                    p.estimatedRows(), p.rowsPerSecond()));
                        }, this::isCancelled);
                feed.flush();
                List<Histogram> done = feed.histograms();
                Platform.runLater(() -> histograms.set(done));
                updateMessage(String.format("Scored %,d rows (%,d invalid) in %.2f s on %s.", result.rows(),
                        result.invalidRows(), result.seconds(), result.device()));
                return result;
            }
        };
        task.setOnSucceeded(e -> summary.set(task.getValue()));
        return workbench.run(task);
    }

    public Task<ScoringSummary> export(Path output) {
        boolean guard = guardFormulas.get();
        Scorer scorer = workbench.scorerProperty().get();
        Path data = workbench.dataFileProperty().get();
        Task<ScoringSummary> task = new Task<>() {
            @Override
            protected ScoringSummary call() {
                updateMessage("Exporting to " + output.getFileName() + "...");
                ScoringSummary result = ScoredFileExport.run(scorer, data, output, options(), guard,
                        p -> updateProgress(p.fraction(), 1), this::isCancelled);
                updateMessage(String.format("Exported %,d rows to %s.", result.rows(), output));
                return result;
            }
        };
        return workbench.run(task);
    }

    /** Collects rows on the engine thread and hands them to the FX thread in chunks. */
    private final class TableFeed implements ScoredRowSink {
        private List<ScoredRow> chunk = new ArrayList<>(CHUNK);
        private long shown;
        private final List<Histogram> perClass = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        TableFeed(int classes) {
            for (int k = 0; k < classes; k++) {
                perClass.add(new Histogram(0, 1, 20));
            }
        }

        List<Histogram> histograms() {
            if (!perClass.isEmpty() || values.isEmpty()) {
                return perClass;
            }
            double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            Histogram h = new Histogram(lo, hi > lo ? hi : lo + 1, 30);
            values.forEach(h::add);
            return List.of(h);
        }

        @Override
        public void begin(List<String> columns, OutputLayout outputLayout) {
            Platform.runLater(() -> {
                inputColumns.set(List.copyOf(columns));
                layout.set(outputLayout);
            });
        }

        @Override
        public void accept(ScoredRow row) {
            if (row.valid()) {
                for (int k = 0; k < perClass.size(); k++) {
                    perClass.get(k).add(row.probabilities()[k]);
                }
                if (perClass.isEmpty() && values.size() < MAX_SHOWN) {
                    values.add(Double.parseDouble(row.prediction()));
                }
            }
            if (shown >= MAX_SHOWN) {
                return;
            }
            shown++;
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            List<ScoredRow> ready = chunk;
            chunk = new ArrayList<>(CHUNK);
            if (!ready.isEmpty()) {
                Platform.runLater(() -> rows.addAll(ready));
            }
        }
    }
}
