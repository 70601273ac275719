package dev.predictbench.ui.uncertainty;

import dev.predictbench.scoring.Scorer;
import dev.predictbench.ui.Charts;
import dev.predictbench.ui.Scatter;
import dev.predictbench.ui.WorkbenchModel;
import dev.predictbench.uncertainty.Histogram;
import dev.predictbench.uncertainty.UncertaintySummary.UncertainRow;

import javafx.beans.binding.Bindings;

import dev.predictbench.ui.Tables;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;

import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The uncertainty view: MC dropout passes over the open file; a scatter of the
 * predicted probability against its standard deviation, histograms of std, entropy
 * and mutual information, the most uncertain rows, and for a chosen row the spread
 * of its passes. When the model's dropout is inactive, the view says so and why.
 */
public final class UncertaintyView extends BorderPane {

    private final Scatter scatter = new Scatter("p(predicted class)", "std");
    private final BarChart<String, Number> std = chart("std of the predicted class");
    private final BarChart<String, Number> entropy = chart("predictive entropy");
    private final BarChart<String, Number> information = chart("mutual information");
    private final BarChart<String, Number> passes = chart("the chosen row's passes");
    private final TableView<UncertainRow> top = new TableView<>();

    public UncertaintyView(WorkbenchModel workbench, UncertaintyModel model) {
        setId("uncertainty-view");
        Spinner<Integer> count = new Spinner<>(2, 1000, model.passesProperty().get(), 10);
        count.setId("mc-passes");
        count.setEditable(true);
        count.valueProperty().addListener((obs, old, v) -> model.passesProperty().set(v));
        Button run = new Button("Run MC dropout");
        run.setId("mc-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.run());
        Label dropout = new Label();
        dropout.setId("dropout-note");
        dropout.setWrapText(true);
        dropout.textProperty().bind(Bindings.createStringBinding(() -> {
            Scorer scorer = workbench.scorerProperty().get();
            if (scorer == null) {
                return "Open a bundle and a data file.";
            }
            return scorer.dropoutActive() ? "Dropout is active: each pass draws new dropout masks."
                    : "This model's dropout is inactive: two passes with dropout on gave identical outputs (a model"
                    + " exported with torch.jit.trace has dropout baked out, or it has no Dropout layer). Every pass"
                    + " would be the same, so there is no uncertainty to show; export it with torch.jit.script.";
        }, workbench.scorerProperty()));
        run.disableProperty().bind(workbench.cannotWork().or(Bindings.createBooleanBinding(
                () -> workbench.scorerProperty().get() != null && !workbench.scorerProperty().get().dropoutActive(),
                workbench.scorerProperty())));
        HBox controls = new HBox(10, new Label("Passes"), count, run, dropout);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        HBox.setHgrow(dropout, Priority.ALWAYS);

        top.setId("most-uncertain");
        top.setPlaceholder(new Label("Run MC dropout to see the rows the model is least sure about."));
        top.getColumns().add(Tables.<UncertainRow>column("row", r -> Long.toString(r.row()), 0));
        top.getColumns().add(Tables.<UncertainRow>column("prediction", UncertainRow::prediction, 0));
        top.getColumns().add(Tables.<UncertainRow>column("std", r -> number(r.std()), 0));
        top.getColumns().add(Tables.<UncertainRow>column("entropy", r -> number(r.entropy()), 0));
        top.getColumns().add(Tables.<UncertainRow>column("mutual info", r -> number(r.mutualInformation()), 0));
        top.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showPasses(row));
        scatter.setId("uncertainty-scatter");
        Charts.addPngExport(std, "std.png");
        Charts.addPngExport(entropy, "entropy.png");
        Charts.addPngExport(information, "mutual-information.png");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(0, 8, 8, 8));
        grid.add(scatter, 0, 0);
        grid.add(std, 1, 0);
        grid.add(entropy, 2, 0);
        grid.add(top, 0, 1);
        grid.add(information, 1, 1);
        grid.add(passes, 2, 1);
        for (var node : grid.getChildren()) {
            GridPane.setHgrow(node, Priority.ALWAYS);
            GridPane.setVgrow(node, Priority.ALWAYS);
        }
        setTop(controls);
        setCenter(dev.predictbench.ui.EmptyState.wrap(grid, model.resultProperty(), "Monte-Carlo dropout runs the"
                + " model many times per row with dropout on, to show how sure it is. It costs several scoring"
                + " passes, so it waits: choose the passes and press Run (Ctrl+U)."));
        model.resultProperty().addListener((obs, old, result) -> show(result));
    }

    private void show(UncertaintyModel.Result result) {
        if (result == null) {
            scatter.setPoints(new float[0], new float[0], 1, 1);
            top.getItems().clear();
            return;
        }
        float yMax = 0;
        for (float v : result.y()) {
            yMax = Math.max(yMax, v);
        }
        scatter.setPoints(result.x(), result.y(), result.xMax(), yMax);
        fill(std, result.summary().std());
        fill(entropy, result.summary().entropy());
        fill(information, result.summary().mutualInformation());
        top.setItems(FXCollections.observableArrayList(result.summary().mostUncertain()));
        if (!top.getItems().isEmpty()) {
            top.getSelectionModel().select(0);
        }
    }

    private void showPasses(UncertainRow row) {
        if (row == null) {
            passes.getData().clear();
            return;
        }
        double lo = java.util.Arrays.stream(row.passes()).min().orElse(0);
        double hi = java.util.Arrays.stream(row.passes()).max().orElse(1);
        Histogram h = new Histogram(lo, hi > lo ? hi : lo + 1e-9, 15);
        for (double p : row.passes()) {
            h.add(p);
        }
        passes.setTitle("row " + row.row() + ": " + row.passes().length + " passes");
        fill(passes, h);
    }

    private static void fill(BarChart<String, Number> chart, Histogram h) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        long[] counts = h.counts();
        double width = (h.high() - h.low()) / counts.length;
        for (int b = 0; b < counts.length; b++) {
            series.getData().add(new XYChart.Data<>(String.format("%.3g", h.low() + (b + 0.5) * width), counts[b]));
        }
        chart.getData().setAll(java.util.List.of(series));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format("%.4f", value);
    }

    private static BarChart<String, Number> chart(String title) {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setBarGap(0);
        chart.setCategoryGap(1);
        return chart;
    }

}
