package dev.predictbench.ui.compare;

import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.scoring.ModelComparison;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.ui.Scatter;
import dev.predictbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Champion (the open bundle) against a challenger on the open file: agreement, the
 * flip matrix, metric differences when the file has labels, and the two models'
 * probabilities against each other (an INT8 model against its fp32 original, say).
 */
public final class CompareView extends BorderPane {

    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<ModelComparison.Result> result = new ReadOnlyObjectWrapper<>();
    private final Label summary = new Label("Choose a challenger bundle to compare with the open one.");
    private final GridPane flips = new GridPane();
    private final GridPane metrics = new GridPane();
    private final Scatter scatter = new Scatter("champion p", "challenger p");

    public CompareView(WorkbenchModel workbench, Consumer<Consumer<Path>> chooseChallenger) {
        this.workbench = workbench;
        setId("compare-view");
        Button choose = new Button("Compare with a challenger bundle...");
        choose.setId("compare-choose");
        choose.getStyleClass().add("accent");
        choose.setOnAction(e -> chooseChallenger.accept(this::run));
        choose.disableProperty().bind(workbench.cannotWork());
        summary.setId("compare-summary");
        summary.setWrapText(true);
        HBox controls = new HBox(10, choose, summary);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        HBox.setHgrow(summary, Priority.ALWAYS);
        flips.setId("flip-matrix");
        flips.setHgap(12);
        flips.setVgap(4);
        metrics.setHgap(12);
        metrics.setVgap(4);
        scatter.setId("compare-scatter");
        VBox left = new VBox(12, new Label("Flip matrix (rows: champion's class, columns: challenger's)"), flips,
                new Label("On labelled rows"), metrics);
        left.setPadding(new Insets(8));
        HBox center = new HBox(8, left, scatter);
        HBox.setHgrow(scatter, Priority.ALWAYS);
        setTop(controls);
        setCenter(dev.predictbench.ui.EmptyState.wrap(center, result, "Choose a second bundle (the"
                + " challenger) to score the open file with both and see where they agree and where they flip."));
        workbench.scorerProperty().addListener((obs, old, s) -> result.set(null));
        result.addListener((obs, old, r) -> show(r));
    }

    public ReadOnlyObjectProperty<ModelComparison.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Task<ModelComparison.Result> run(Path challengerBundle) {
        Scorer champion = workbench.scorerProperty().get();
        Path data = workbench.dataFileProperty().get();
        Task<ModelComparison.Result> task = new Task<>() {
            @Override
            protected ModelComparison.Result call() {
                updateMessage("Loading the challenger " + challengerBundle.getFileName() + "...");
                try (Scorer challenger = Scorer.open(BundleLoader.load(challengerBundle), ScoringOptions.defaults())) {
                    updateMessage("Scoring " + data.getFileName() + " with both models...");
                    ModelComparison.Result r = ModelComparison.run(champion, challenger, data,
                            p -> updateProgress(p.fraction(), 1), this::isCancelled);
                    updateMessage(String.format("The models agree on %.2f%% of %,d rows.", 100 * r.agreement(),
                            r.rows()));
                    return r;
                }
            }
        };
        task.setOnSucceeded(e -> result.set(task.getValue()));
        return workbench.run(task);
    }

    private void show(ModelComparison.Result r) {
        flips.getChildren().clear();
        metrics.getChildren().clear();
        if (r == null) {
            scatter.setPoints(new float[0], new float[0], 1, 1);
            return;
        }
        long changed = r.rows() - r.agreements();
        summary.setText(String.format("Agreement %.2f%%: %,d of %,d rows get the same class; %,d change class.",
                100 * r.agreement(), r.agreements(), r.rows(), changed));
        for (int b = 0; b < r.classes().size(); b++) {
            flips.add(new Label(r.classes().get(b)), b + 1, 0);
        }
        for (int a = 0; a < r.classes().size(); a++) {
            flips.add(new Label(r.classes().get(a)), 0, a + 1);
            for (int b = 0; b < r.classes().size(); b++) {
                Label cell = new Label(String.format("%,d", r.flips()[a][b]));
                if (a != b && r.flips()[a][b] > 0) {
                    cell.getStyleClass().add("flip");
                }
                flips.add(cell, b + 1, a + 1);
            }
        }
        CalibrationMetrics x = r.championMetrics();
        CalibrationMetrics y = r.challengerMetrics();
        if (x == null) {
            metrics.add(new Label("The file has no label column, so only agreement is measured."), 0, 0);
        } else {
            metrics.addRow(0, new Label(""), new Label("champion"), new Label("challenger"), new Label("difference"));
            addMetric(1, "accuracy", x.accuracy(), y.accuracy());
            addMetric(2, "NLL", x.nll(), y.nll());
            addMetric(3, "ECE", x.ece(), y.ece());
        }
        scatter.setPoints(r.champion(), r.challenger(), 1, 1);
    }

    private void addMetric(int row, String name, double champion, double challenger) {
        metrics.addRow(row, new Label(name), new Label(String.format("%.4f", champion)),
                new Label(String.format("%.4f", challenger)), new Label(String.format("%+.4f", challenger - champion)));
    }
}
