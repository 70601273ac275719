package dev.predictbench.ui;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.ui.predictions.PredictionsModel;
import dev.predictbench.ui.predictions.PredictionsView;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The workbench window: menus and toolbar, the results table, a status bar with progress and cancel. */
public final class MainWindow {

    private final WorkbenchModel workbench;
    private final PredictionsModel predictions;
    private final Stage stage;

    public MainWindow(Stage stage, WorkbenchModel workbench, PredictionsModel predictions) {
        this.stage = stage;
        this.workbench = workbench;
        this.predictions = predictions;
    }

    public void show() {
        BorderPane root = new BorderPane();
        root.setTop(new VBox(menuBar(), toolBar(), bundleSummary()));
        root.setCenter(new PredictionsView(predictions));
        root.setBottom(statusBar());
        Scene scene = new Scene(root, 1200, 720);
        scene.getStylesheets().add(MainWindow.class.getResource("/predictbench.css").toExternalForm());
        stage.setTitle("PredictBench");
        stage.setScene(scene);
        stage.show();
    }

    private MenuBar menuBar() {
        MenuItem openBundle = item("Open Bundle...", "Shortcut+O", this::chooseBundle);
        MenuItem openData = item("Open Data...", "Shortcut+D", this::chooseData);
        MenuItem export = item("Export Scored CSV...", "Shortcut+E", this::chooseExport);
        export.disableProperty().bind(Bindings.createBooleanBinding(() -> !predictions.canScore(),
                workbench.scorerProperty(), workbench.dataFileProperty(), workbench.busyProperty()));
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        MenuItem score = item("Score", "Shortcut+R", this::score);
        score.disableProperty().bind(export.disableProperty());
        MenuItem cancel = item("Cancel", "Esc", workbench::cancel);
        cancel.disableProperty().bind(workbench.busyProperty().not());
        return new MenuBar(new Menu("_File", null, openBundle, openData, new SeparatorMenuItem(), export,
                new SeparatorMenuItem(), quit), new Menu("_Run", null, score, cancel));
    }

    private ToolBar toolBar() {
        Button openBundle = button("Open Bundle", "open-bundle", this::chooseBundle);
        Button openData = button("Open Data", "open-data", this::chooseData);
        Button score = button("Score", "score", this::score);
        score.getStyleClass().add("accent");
        Button export = button("Export...", "export", this::chooseExport);
        score.disableProperty().bind(Bindings.createBooleanBinding(() -> !predictions.canScore(),
                workbench.scorerProperty(), workbench.dataFileProperty(), workbench.busyProperty()));
        export.disableProperty().bind(score.disableProperty());
        return new ToolBar(openBundle, openData, score, export);
    }

    private Label bundleSummary() {
        Label summary = new Label();
        summary.setId("bundle-summary");
        summary.getStyleClass().add("bundle-summary");
        summary.setPadding(new Insets(4, 8, 4, 8));
        summary.textProperty().bind(Bindings.createStringBinding(() -> describe(workbench.bundle(),
                workbench.dataFileProperty().get()), workbench.scorerProperty(), workbench.dataFileProperty()));
        return summary;
    }

    private static String describe(Bundle bundle, Path data) {
        if (bundle == null) {
            return "No bundle open.";
        }
        var m = bundle.manifest();
        return m.name() + " " + m.version() + "  |  " + m.task().type().manifestName()
                + (m.task().isClassification() ? " " + m.task().classes() : "") + "  |  "
                + m.features().size() + " features, input width " + m.inputWidth() + "  |  T = " + m.temperature()
                + "  |  data: " + (data == null ? "none" : data.getFileName());
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(workbench.statusProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(workbench.progressProperty());
        progress.visibleProperty().bind(workbench.busyProperty());
        Button cancel = button("Cancel", "cancel", workbench::cancel);
        cancel.visibleProperty().bind(workbench.busyProperty());
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, progress, cancel);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private void chooseBundle() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model bundle folder");
        File dir = chooser.showDialog(stage);
        if (dir != null && !workbench.isBusy()) {
            workbench.openBundle(dir.toPath(), () -> { });
        }
    }

    private void chooseData() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a CSV file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            workbench.openData(file.toPath());
        }
    }

    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the scored CSV");
        chooser.setInitialFileName("scored.csv");
        File file = chooser.showSaveDialog(stage);
        if (file != null && predictions.canScore()) {
            predictions.export(file.toPath());
        }
    }

    private void score() {
        if (predictions.canScore()) {
            predictions.score();
        }
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }
}
