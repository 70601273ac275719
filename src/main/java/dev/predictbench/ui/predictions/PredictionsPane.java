package dev.predictbench.ui.predictions;

import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.scoring.ScoringSummary;
import dev.predictbench.ui.Charts;
import dev.predictbench.ui.WorkbenchModel;
import dev.predictbench.uncertainty.Histogram;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The predictions view: where to run (the devices the engine sees), the batch size,
 * Score and Export; summary tiles; the distribution of the predicted probabilities per
 * class (regression: of the values); and the results table.
 */
public final class PredictionsPane extends BorderPane {

    private final PredictionsModel model;
    private final Tile rowsTile = number("Rows", 0, "");
    private final Tile invalidTile = number("Invalid rows", 0, "");
    private final Tile speedTile = number("Rows / second", 0, "");
    private final Tile deviceTile = tile("Device");
    private final Tile timeTile = number("Time", 2, "s");
    private final AreaChart<Number, Number> chart = new AreaChart<>(new NumberAxis(), new NumberAxis());

    public PredictionsPane(WorkbenchModel workbench, PredictionsModel model, Runnable score, Runnable export) {
        this.model = model;
        setId("predictions-view");
        ChoiceBox<DeviceChoice> device = new ChoiceBox<>();
        device.setId("device");
        device.getItems().addAll(DeviceChoice.AUTO, DeviceChoice.CPU);
        Label gpuNote = new Label();
        workbench.engineInfoProperty().addListener((obs, old, info) -> {
            if (info.gpuCount() > 0 && !device.getItems().contains(DeviceChoice.GPU)) {
                device.getItems().add(DeviceChoice.GPU);
            }
            gpuNote.setText(info.gpuCount() == 0 ? "The engine sees no GPU (CPU natives)." : "");
        });
        device.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeviceChoice choice) {
                var info = workbench.engineInfoProperty().get();
                int gpus = info == null ? 0 : info.gpuCount();
                return switch (choice) {
                    case AUTO -> "Auto (" + (gpus > 0 ? "GPU" : "CPU") + ")";
                    case CPU -> "CPU";
                    case GPU -> "GPU (" + gpus + " seen)";
                };
            }

            @Override
            public DeviceChoice fromString(String text) {
                return DeviceChoice.AUTO;
            }
        });
        device.valueProperty().bindBidirectional(workbench.deviceProperty());
        device.disableProperty().bind(workbench.busyProperty());
        Spinner<Integer> batch = new Spinner<>(1, 65_536, model.batchSizeProperty().get(), 256);
        batch.setId("batch-size");
        batch.setEditable(true);
        batch.valueProperty().addListener((obs, old, value) -> model.batchSizeProperty().set(value));
        Button scoreButton = new Button("Score");
        scoreButton.setId("score-now");
        scoreButton.getStyleClass().add("accent");
        scoreButton.setOnAction(e -> score.run());
        Button exportButton = new Button("Export scored CSV...");
        exportButton.setOnAction(e -> export.run());
        scoreButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canScore(),
                workbench.scorerProperty(), workbench.dataFileProperty(), workbench.busyProperty()));
        exportButton.disableProperty().bind(scoreButton.disableProperty());
        HBox controls = new HBox(8, new Label("Device"), device, new Label("Batch size"), batch, scoreButton,
                exportButton, gpuNote);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        HBox tiles = new HBox(8, rowsTile, invalidTile, speedTile, deviceTile, timeTile);
        tiles.setPadding(new Insets(0, 8, 8, 8));

        chart.setId("probability-histogram");
        chart.setTitle("Predicted probability per class");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        ((NumberAxis) chart.getXAxis()).setLabel("probability");
        ((NumberAxis) chart.getYAxis()).setLabel("rows");
        Charts.addPngExport(chart, "predictions-histogram.png");
        SplitPane split = new SplitPane(new PredictionsView(model), dev.predictbench.ui.EmptyState.wrap(chart,
                model.histogramsProperty(), "Score the file (Ctrl+R) to see the distribution of predictions."));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        setTop(new VBox(controls, tiles));
        setCenter(split);
        model.summaryProperty().addListener((obs, old, summary) -> showSummary(summary));
        model.histogramsProperty().addListener((obs, old, histograms) -> showHistograms(histograms));
        showSummary(null);
    }

    private void showSummary(ScoringSummary summary) {
        rowsTile.setValue(summary == null ? 0 : summary.rows());
        invalidTile.setValue(summary == null ? 0 : summary.invalidRows());
        speedTile.setValue(summary == null ? 0 : summary.rowsPerSecond());
        deviceTile.setDescription(summary == null ? "-" : summary.device());
        timeTile.setValue(summary == null ? 0 : summary.seconds());
    }

    private void showHistograms(List<Histogram> histograms) {
        chart.getData().clear();
        var layout = model.layoutProperty().get();
        boolean regression = layout == null || layout.classes().isEmpty();
        chart.setTitle(regression ? "Predicted values" : "Predicted probability per class");
        for (int k = 0; k < histograms.size(); k++) {
            Histogram h = histograms.get(k);
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(regression ? "value" : "p_" + layout.classes().get(k));
            long[] counts = h.counts();
            double width = (h.high() - h.low()) / counts.length;
            for (int b = 0; b < counts.length; b++) {
                series.getData().add(new XYChart.Data<>(h.low() + (b + 0.5) * width, counts[b]));
            }
            chart.getData().add(series);
        }
    }

    private static Tile number(String title, int decimals, String unit) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(180, 150).title(title)
                .textSize(Tile.TextSize.BIGGER).decimals(decimals).unit(unit).maxValue(Double.MAX_VALUE).animated(false).build();
        tile.getStyleClass().add("fact-tile");
        return dev.predictbench.ui.Theme.style(tile);
    }

    private static Tile tile(String title) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.TEXT).prefSize(180, 150).title(title)
                .textSize(Tile.TextSize.BIGGER).description("-").descriptionAlignment(Pos.CENTER).build();
        tile.getStyleClass().add("fact-tile");
        return dev.predictbench.ui.Theme.style(tile);
    }
}
