package dev.predictbench.ui.calibration;

import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.calibration.Calibrator;
import dev.predictbench.calibration.ReliabilityBin;
import dev.predictbench.ui.Charts;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The calibration lab: load a labelled file, fit T or set it with a log-scale slider
 * (0.05 to 20), and watch the reliability diagram, the confidence histogram, the
 * per-class reliability and NLL / ECE / MCE / Brier / accuracy follow, before (T = 1)
 * against now. Save writes T into a new bundle version.
 */
public final class CalibrationView extends BorderPane {

    private static final double MIN_LOG = Math.log10(0.05);
    private static final double MAX_LOG = Math.log10(20);
    private static final String[] METRICS = {"NLL", "ECE", "MCE", "Brier", "accuracy"};

    private final CalibrationModel model;
    private final LineChart<Number, Number> reliability = new LineChart<>(axis("confidence"), axis("accuracy"));
    private final BarChart<String, Number> histogram = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final StackedBarChart<String, Number> gaps = new StackedBarChart<>(new CategoryAxis(),
            new NumberAxis(0, 1, 0.1));
    private final LineChart<Number, Number> perClass = new LineChart<>(axis("p(class)"), axis("observed share"));
    private final ChoiceBox<String> classChoice = new ChoiceBox<>();
    private final Label[][] cells = new Label[METRICS.length][2];
    private final Label temperatureLabel = new Label("T = 1");

    public CalibrationView(CalibrationModel model, Consumer<CalibrationView> chooseFile, Runnable save) {
        this.model = model;
        setId("calibration-view");
        Button load = new Button("Load labelled file...");
        load.setId("calibration-load");
        load.setOnAction(e -> chooseFile.accept(this));
        Button fit = new Button("Fit T");
        fit.setId("calibration-fit");
        fit.getStyleClass().add("accent");
        fit.setOnAction(e -> model.fit());
        Slider slider = new Slider(MIN_LOG, MAX_LOG, 0);
        slider.setId("temperature-slider");
        slider.setPrefWidth(320);
        slider.setMajorTickUnit(Math.log10(10));
        slider.setShowTickMarks(true);
        // The slider moves log10(T); the model holds T itself.
        slider.valueProperty().addListener((obs, old, v) -> {
            double t = Math.pow(10, v.doubleValue());
            if (Math.abs(t - model.temperatureProperty().get()) > 1e-9 * t) {
                model.temperatureProperty().set(t);
            }
        });
        model.temperatureProperty().addListener((obs, old, t) -> {
            slider.setValue(Math.log10(Math.max(0.05, Math.min(20, t.doubleValue()))));
            temperatureLabel.setText(String.format("T = %.4f", t.doubleValue()));
        });
        temperatureLabel.setId("temperature");
        Button saveButton = new Button("Save as new version...");
        saveButton.setId("calibration-save");
        saveButton.setOnAction(e -> save.run());
        fit.disableProperty().bind(model.calibratorProperty().isNull());
        slider.disableProperty().bind(model.calibratorProperty().isNull());
        saveButton.disableProperty().bind(model.calibratorProperty().isNull());
        Label fitNote = new Label();
        fitNote.textProperty().bind(Bindings.createStringBinding(() -> model.fitProperty().get() == null ? ""
                : model.fitProperty().get().atBound() ? "fitted T is at a limit of [0.01, 100]"
                : "fitted in " + model.fitProperty().get().iterations() + " steps", model.fitProperty()));
        HBox controls = new HBox(10, load, fit, new Label("T"), slider, temperatureLabel, fitNote, saveButton);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        Label warning = new Label();
        warning.setId("calibration-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(model.warningProperty());
        warning.getStyleClass().add("warning-text");

        reliability.setId("reliability-diagram");
        reliability.setTitle("Reliability (15 bins of top-label confidence)");
        reliability.setAnimated(false);
        histogram.setId("confidence-histogram");
        histogram.setTitle("Confidence: rows per bin");
        histogram.setAnimated(false);
        histogram.setLegendVisible(false);
        histogram.setBarGap(0);
        histogram.setCategoryGap(1);
        gaps.setId("reliability-gaps");
        gaps.setTitle("Accuracy per bin, gap to confidence shaded (now)");
        gaps.setAnimated(false);
        gaps.setCategoryGap(2);
        Charts.addPngExport(gaps, "reliability-gaps.png");
        perClass.setTitle("One class against the rest");
        perClass.setAnimated(false);
        classChoice.valueProperty().addListener((obs, old, c) -> showPerClass());
        Charts.addPngExport(reliability, "reliability.png");
        Charts.addPngExport(histogram, "confidence-histogram.png");
        Charts.addPngExport(perClass, "per-class-reliability.png");

        GridPane metrics = new GridPane();
        metrics.setId("calibration-metrics");
        metrics.setHgap(16);
        metrics.setVgap(4);
        metrics.setPadding(new Insets(8));
        metrics.addRow(0, new Label(""), new Label("T = 1"), new Label("now"));
        for (int i = 0; i < METRICS.length; i++) {
            cells[i][0] = new Label("-");
            cells[i][1] = new Label("-");
            cells[i][1].setId("metric-" + METRICS[i].toLowerCase(java.util.Locale.ROOT));
            metrics.addRow(i + 1, new Label(METRICS[i]), cells[i][0], cells[i][1]);
        }
        VBox side = new VBox(8, metrics, new HBox(6, new Label("Class"), classChoice), perClass);
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.add(reliability, 0, 0);
        charts.add(gaps, 1, 0);
        charts.add(histogram, 0, 1);
        ScrollPane sideScroll = new ScrollPane(side); // on a small screen the per-class chart scrolls into view
        sideScroll.setFitToWidth(true);
        side.setMinHeight(360);
        charts.add(sideScroll, 1, 1, 1, 1);
        for (var node : charts.getChildren()) {
            GridPane.setHgrow(node, Priority.ALWAYS);
            GridPane.setVgrow(node, Priority.ALWAYS);
        }
        // Two rows of equal height: the reliability diagram keeps its room on a 720-pixel screen.
        for (int row = 0; row < 2; row++) {
            javafx.scene.layout.RowConstraints half = new javafx.scene.layout.RowConstraints();
            half.setPercentHeight(50);
            charts.getRowConstraints().add(half);
        }
        setTop(new VBox(controls, warning));
        setCenter(dev.predictbench.ui.EmptyState.wrap(charts, model.calibratorProperty(), "Calibration needs"
                + " labels: load a labelled validation file (Load labelled file above) to see the reliability"
                + " diagram and fit the temperature."));
        model.currentProperty().addListener((obs, old, view) -> show(view));
        model.calibratorProperty().addListener((obs, old, c) -> setClasses(c == null ? List.of() : model.classes()));
    }

    private void setClasses(List<String> classes) {
        classChoice.getItems().setAll(classes);
        if (!classes.isEmpty()) {
            classChoice.setValue(classes.get(classes.size() - 1));
        }
    }

    private void show(CalibrationModel.View view) {
        CalibrationMetrics before = model.beforeProperty().get();
        if (view == null || before == null) {
            return;
        }
        CalibrationMetrics now = view.metrics();
        double[][] values = {{before.nll(), now.nll()}, {before.ece(), now.ece()}, {before.mce(), now.mce()},
                {before.brier(), now.brier()}, {before.accuracy(), now.accuracy()}};
        for (int i = 0; i < METRICS.length; i++) {
            cells[i][0].setText(String.format("%.4f", values[i][0]));
            cells[i][1].setText(String.format("%.4f", values[i][1]));
        }
        reliability.getData().setAll(diagonal(), series("T = 1", before.bins()),
                series(String.format("T = %.3g", now.temperature()), now.bins()));
        XYChart.Series<String, Number> counts = new XYChart.Series<>();
        for (ReliabilityBin bin : now.bins()) {
            counts.getData().add(new XYChart.Data<>(String.format("%.2f", bin.upper()), bin.count()));
        }
        histogram.getData().setAll(List.of(counts));
        gaps.getData().setAll(gapSeries(now.bins()));
        showPerClass();
    }

    private void showPerClass() {
        CalibrationModel.View view = model.currentProperty().get();
        int k = classChoice.getItems().indexOf(classChoice.getValue());
        if (view == null || k < 0 || k >= view.perClass().size()) {
            perClass.getData().clear();
            return;
        }
        perClass.getData().setAll(diagonal(), series("p_" + classChoice.getValue(), view.perClass().get(k)));
    }

    private static XYChart.Series<Number, Number> series(String name, List<ReliabilityBin> bins) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (ReliabilityBin bin : bins) {
            if (bin.count() > 0) {
                series.getData().add(new XYChart.Data<>(bin.confidence(), bin.accuracy()));
            }
        }
        return series;
    }

    /**
     * Guo et al.'s reliability bars: accuracy per bin, and stacked on it the gap up to the
     * bin's confidence (over-confidence) or the part of accuracy above it (under-confidence).
     */
    private static List<XYChart.Series<String, Number>> gapSeries(List<ReliabilityBin> bins) {
        XYChart.Series<String, Number> accuracy = new XYChart.Series<>();
        accuracy.setName("accuracy");
        XYChart.Series<String, Number> over = new XYChart.Series<>();
        over.setName("over-confident by");
        XYChart.Series<String, Number> under = new XYChart.Series<>();
        under.setName("under-confident by");
        for (ReliabilityBin bin : bins) {
            String label = String.format("%.2f", bin.upper());
            double acc = bin.count() == 0 ? 0 : bin.accuracy();
            double conf = bin.count() == 0 ? 0 : bin.confidence();
            accuracy.getData().add(new XYChart.Data<>(label, Math.min(acc, conf)));
            over.getData().add(new XYChart.Data<>(label, Math.max(0, conf - acc)));
            under.getData().add(new XYChart.Data<>(label, Math.max(0, acc - conf)));
        }
        return List.of(accuracy, over, under);
    }

    private static XYChart.Series<Number, Number> diagonal() {
        XYChart.Series<Number, Number> perfect = new XYChart.Series<>();
        perfect.setName("perfect");
        perfect.getData().add(new XYChart.Data<>(0, 0));
        perfect.getData().add(new XYChart.Data<>(1, 1));
        return perfect;
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(0, 1, 0.1);
        axis.setLabel(label);
        return axis;
    }

    /** For tests and the status line: the calibrator in use. */
    Calibrator calibrator() {
        return model.calibratorProperty().get();
    }
}
