package dev.predictbench.ui;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.ui.data.ColumnMappingDialog;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.data.DataView;
import dev.predictbench.ui.model.ModelView;
import dev.predictbench.ui.predictions.PredictionsModel;
import dev.predictbench.ui.predictions.PredictionsPane;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The workbench window: menus and toolbar, three tabs (model, data and validation,
 * predictions), a status bar with engine, memory, progress and cancel. Files can be
 * dropped onto it: a folder or .zip opens as a bundle, anything else as data.
 */
public final class MainWindow {


    private final Stage stage;
    private final WorkbenchModel workbench;
    private final PredictionsModel predictions;
    private final DataModel data;
    private final Settings settings;
    private final AnalysisTabs analysis;
    /** The tabs, in order. */
    public static final int OVERVIEW = 0;
    public static final int MODEL = 1;
    public static final int DATA = 2;
    public static final int PREDICTIONS = 3;
    public static final int CALIBRATION = 4;
    public static final int UNCERTAINTY = 5;
    public static final int DRIFT = 6;
    public static final int COMPARE = 7;
    /** Files up to this size are scored, and compared with the reference, as soon as they open. */
    private static final long AUTO_ANALYSIS_BYTES = 200L << 20;

    private final TabPane tabs = new TabPane();
    private final Menu recentBundles = new Menu("Recent Bundles");
    private final Menu recentData = new Menu("Recent Data");
    private Scene scene;

    public MainWindow(Stage stage, WorkbenchModel workbench, PredictionsModel predictions, DataModel data,
                      Settings settings, AnalysisTabs analysis) {
        this.stage = stage;
        this.workbench = workbench;
        this.predictions = predictions;
        this.data = data;
        this.settings = settings;
        this.analysis = analysis;
    }

    public void show() {
        ModelView modelView = new ModelView(workbench.scorerProperty());
        modelView.setOnEditSchema(bundle -> dev.predictbench.ui.model.SchemaEditorDialog.show(stage, bundle,
                workbench.dataFileProperty().get(), workbench.csvDialect(), workbench::run, this::openBundle));
        Tab model = new Tab("Model", modelView);
        Tab dataTab = new Tab("Data & validation", new DataView(data, this::chooseFailureExport, this::matchColumns));
        Tab results = new Tab("Predictions", new PredictionsPane(workbench, predictions, this::score,
                this::chooseExport));
        model.setId("tab-model");
        dataTab.setId("tab-data");
        results.setId("tab-predictions");
        List<Tab> analysisTabs = analysis.build();
        Tab overview = new Tab("Overview", new dev.predictbench.ui.overview.OverviewView(workbench, data, predictions,
                analysis.drift().reportProperty(), analysis.calibration(), analysis.uncertainty(),
                new dev.predictbench.ui.overview.OverviewView.Targets(MODEL, DATA, PREDICTIONS, CALIBRATION,
                        UNCERTAINTY, DRIFT), this::showTab));
        overview.setId("tab-overview");
        tabs.getTabs().addAll(overview, model, dataTab, results);
        tabs.getTabs().addAll(analysisTabs);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane root = new BorderPane(tabs);
        root.setTop(new VBox(menuBar(), toolBar(), bundleSummary(), parityBanner()));
        root.setBottom(statusBar());
        javafx.geometry.Rectangle2D bounds = initialBounds();
        scene = new Scene(root, bounds.getWidth(), bounds.getHeight());
        // -Dpredictbench.theme=dark|light overrides the saved choice without changing it (screenshots).
        String theme = System.getProperty("predictbench.theme");
        applyTheme(theme != null ? theme.equals("dark") : settings.darkTheme());
        acceptDrops();
        workbench.deviceProperty().addListener((obs, old, device) -> {
            Bundle bundle = workbench.bundle();
            if (bundle != null && !workbench.isBusy()) {
                workbench.openBundle(bundle.source(), () -> { });
            }
        });
        stage.setTitle("PredictBench");
        var icon = MainWindow.class.getResource("/icons/icon.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.setScene(scene);
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setMaximized(settings.windowMaximized());
        stage.setOnHiding(e -> settings.rememberWindow(stage.isMaximized() ? bounds
                : new javafx.geometry.Rectangle2D(stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight()),
                stage.isMaximized()));
        stage.show();
        // Some window managers (Openbox with GTK) answer the first map with a 200 x 200 window
        // whatever size was asked: ask again once it is mapped, unless the user has resized it since.
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
        settle.setOnFinished(e -> {
            if (!stage.isMaximized() && stage.getWidth() < bounds.getWidth() / 2) {
                stage.setWidth(bounds.getWidth());
                stage.setHeight(bounds.getHeight());
                stage.setX(bounds.getMinX());
                stage.setY(bounds.getMinY());
            }
        });
        settle.play();
    }

    /**
     * The window where it was last (if that is still on a screen), else most of the primary
     * screen: a workbench wants the room, and 1280 x 800 is small on today's displays.
     */
    private javafx.geometry.Rectangle2D initialBounds() {
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        String size = System.getProperty("predictbench.window"); // WIDTHxHEIGHT, for screenshots
        if (size != null && size.matches("\\d+x\\d+")) {
            String[] wh = size.split("x");
            return new javafx.geometry.Rectangle2D(screen.getMinX(), screen.getMinY(), Double.parseDouble(wh[0]),
                    Double.parseDouble(wh[1]));
        }
        return settings.windowBounds().filter(b -> !javafx.stage.Screen.getScreensForRectangle(b).isEmpty())
                .orElseGet(() -> {
                    double w = Math.min(screen.getWidth(), Math.max(1000, Math.min(screen.getWidth() * 0.9, 1800)));
                    double h = Math.min(screen.getHeight(), Math.max(700, Math.min(screen.getHeight() * 0.9, 1100)));
                    return new javafx.geometry.Rectangle2D(screen.getMinX() + (screen.getWidth() - w) / 2,
                            screen.getMinY() + (screen.getHeight() - h) / 2, w, h);
                });
    }

    /** Opens a bundle, then re-validates the open data file against it. */
    public void openBundle(Path path) {
        if (workbench.isBusy()) {
            return;
        }
        workbench.openBundle(path, () -> {
            settings.rememberBundle(path);
            refreshRecent();
            Path file = workbench.dataFileProperty().get();
            if (file != null) {
                data.open(file).addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED,
                        e -> javafx.application.Platform.runLater(this::autoAnalyse));
            }
        });
    }

    public void openData(Path file, Runnable then) {
        if (workbench.isBusy()) {
            return;
        }
        data.open(file).addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            settings.rememberData(file);
            refreshRecent();
            tabs.getSelectionModel().select(OVERVIEW);
            // After the data model's own success handler has recorded the file.
            javafx.application.Platform.runLater(then);
        });
    }

    private MenuBar menuBar() {
        BooleanBinding cannotScore = Bindings.createBooleanBinding(() -> !predictions.canScore(),
                workbench.scorerProperty(), workbench.dataFileProperty(), workbench.busyProperty());
        MenuItem openBundle = item("Open Bundle...", "Shortcut+O", this::chooseBundle);
        MenuItem openZip = item("Open Zipped Bundle...", "Shortcut+Shift+O", this::chooseZip);
        MenuItem importModel = item("Import Model and scikit-learn Files...", "Shortcut+I",
                () -> ImportDialog.show(stage, workbench, this::openBundle));
        MenuItem openData = item("Open Data...", "Shortcut+D", this::chooseData);
        MenuItem openDataWith = item("Open Data With Options...", "Shortcut+Shift+D", this::chooseDataWithOptions);
        MenuItem export = item("Export Scored CSV...", "Shortcut+E", this::chooseExport);
        export.disableProperty().bind(cannotScore);
        MenuItem exportFailures = item("Export Failures...", "Shortcut+Shift+E", this::chooseFailureExport);
        exportFailures.disableProperty().bind(data.resultProperty().isNull().or(workbench.busyProperty()));
        MenuItem exportReport = item("Export Report...", "Shortcut+Shift+R", this::chooseReportExport);
        exportReport.disableProperty().bind(workbench.cannotWork());
        CheckMenuItem guard = new CheckMenuItem("Guard Spreadsheet Formulas in Exports");
        guard.selectedProperty().bindBidirectional(predictions.guardFormulasProperty());
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        refreshRecent();
        Menu file = new Menu("_File", null, openBundle, openZip, importModel, recentBundles, samplesMenu(),
                new SeparatorMenuItem(),
                openData, openDataWith, recentData, new SeparatorMenuItem(), export, exportFailures, exportReport, guard,
                new SeparatorMenuItem(),
                quit);

        MenuItem score = item("Score", "Shortcut+R", this::score);
        MenuItem monteCarlo = item("Run MC Dropout", "Shortcut+U", () -> {
            tabs.getSelectionModel().select(UNCERTAINTY);
            analysis.uncertainty().run();
        });
        monteCarlo.disableProperty().bind(workbench.cannotWork());
        MenuItem checkDrift = item("Check Drift", "Shortcut+Shift+F", () -> {
            tabs.getSelectionModel().select(DRIFT);
            analysis.drift().run();
        });
        checkDrift.disableProperty().bind(workbench.cannotWork());
        score.disableProperty().bind(cannotScore);
        MenuItem cancel = item("Cancel", "Esc", workbench::cancel);
        cancel.disableProperty().bind(workbench.busyProperty().not());
        Menu run = new Menu("_Run", null, score, monteCarlo, checkDrift, cancel);

        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setSelected(settings.darkTheme());
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+T"));
        dark.setOnAction(e -> {
            settings.setDarkTheme(dark.isSelected());
            applyTheme(dark.isSelected());
        });
        Menu view = new Menu("_View", null, tabItem("Overview", OVERVIEW), tabItem("Model", MODEL),
                tabItem("Data & Validation", DATA), tabItem("Predictions", PREDICTIONS),
                tabItem("Calibration", CALIBRATION), tabItem("Uncertainty", UNCERTAINTY), tabItem("Drift", DRIFT),
                tabItem("Compare", COMPARE), new SeparatorMenuItem(), dark);
        MenuItem environment = item("Environment...", "F1",
                () -> EnvironmentDialog.show(stage, workbench.engineInfoProperty().get()));
        environment.disableProperty().bind(workbench.engineInfoProperty().isNull());
        Menu help = new Menu("_Help", null, environment);
        return new MenuBar(file, run, view, help);
    }

    /** The sample bundles shipped with the installed application (or the repository's, when run from it). */
    private Menu samplesMenu() {
        Menu samples = new Menu("Sample Bundles");
        String shipped = System.getProperty("predictbench.samples");
        Path dir = shipped != null ? Path.of(shipped) : Path.of("sample-models");
        try (var folders = Files.list(dir)) {
            folders.filter(f -> Files.isRegularFile(f.resolve("bundle.json"))).sorted().forEach(f -> {
                MenuItem item = new MenuItem(f.getFileName().toString());
                item.setOnAction(e -> openBundle(f));
                samples.getItems().add(item);
            });
        } catch (java.io.IOException | RuntimeException e) {
            // No samples next to this installation: the menu stays empty and disabled.
        }
        samples.setDisable(samples.getItems().isEmpty());
        return samples;
    }

    private MenuItem tabItem(String name, int index) {
        return item(name, "Shortcut+" + (index + 1), () -> tabs.getSelectionModel().select(index));
    }

    private ToolBar toolBar() {
        Button openBundle = button("Open Bundle", "open-bundle", this::chooseBundle);
        Button openData = button("Open Data", "open-data", this::chooseData);
        Button score = button("Score", "score", this::score);
        score.getStyleClass().add("accent");
        score.disableProperty().bind(Bindings.createBooleanBinding(() -> !predictions.canScore(),
                workbench.scorerProperty(), workbench.dataFileProperty(), workbench.busyProperty()));
        Button export = button("Export...", "export", this::chooseExport);
        export.disableProperty().bind(score.disableProperty());
        openBundle.disableProperty().bind(workbench.busyProperty());
        openData.disableProperty().bind(workbench.busyProperty());
        return new ToolBar(openBundle, openData, score, export);
    }

    private Label bundleSummary() {
        Label summary = new Label();
        summary.setId("bundle-summary");
        summary.getStyleClass().add("bundle-summary");
        summary.setPadding(new Insets(4, 8, 4, 8));
        summary.textProperty().bind(Bindings.createStringBinding(() -> describe(workbench.scorerProperty().get(),
                workbench.dataFileProperty().get()), workbench.scorerProperty(), workbench.dataFileProperty()));
        return summary;
    }

    private static String describe(dev.predictbench.scoring.Scorer scorer, Path data) {
        if (scorer == null) {
            return "No bundle open.";
        }
        var m = scorer.bundle().manifest();
        return m.name() + " " + m.version() + "  |  " + m.task().type().manifestName()
                + (m.task().isClassification() ? " " + m.task().classes() : "") + "  |  "
                + m.features().size() + " features, input width " + m.inputWidth() + "  |  T = " + m.temperature()
                + "  |  data: " + (data == null ? "none" : data.getFileName()) + "  |  "
                + scorer.parity().map(p -> String.format(java.util.Locale.ROOT,
                        "parity verified: %d rows, max |diff| %.1e", p.rows(), p.maxDifference()))
                .orElse("no parity file: nothing proves this bundle reproduces training");
    }

    /** A red line under the summary while the last bundle opened was refused by its parity rows. */
    private Label parityBanner() {
        Label banner = new Label();
        banner.setId("parity-banner");
        banner.getStyleClass().add("parity-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(6, 8, 6, 8));
        banner.textProperty().bind(workbench.parityRefusalProperty());
        banner.visibleProperty().bind(workbench.parityRefusalProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(workbench.statusProperty());
        Label engineLabel = new Label();
        engineLabel.setId("engine");
        engineLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            TorchRuntime.EngineInfo engine = workbench.engineInfoProperty().get();
            if (engine == null) {
                return "engine starting...";
            }
            var scorer = workbench.scorerProperty().get();
            return "PyTorch " + engine.libtorchVersion() + " on " + (scorer == null ? engine.defaultDevice()
                    : scorer.device()) + ", " + engine.gpuCount() + " GPU";
        }, workbench.scorerProperty(), workbench.engineInfoProperty()));
        Label memory = new Label();
        memory.setId("memory");
        Timeline memoryClock = new Timeline(new KeyFrame(Duration.seconds(2), e -> memory.setText(memoryText())));
        memoryClock.setCycleCount(Timeline.INDEFINITE);
        memoryClock.play();
        memory.setText(memoryText());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(workbench.progressProperty());
        progress.visibleProperty().bind(workbench.busyProperty());
        Button cancel = button("Cancel", "cancel", workbench::cancel);
        cancel.visibleProperty().bind(workbench.busyProperty());
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, progress, cancel, engineLabel, memory);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private static String memoryText() {
        Runtime r = Runtime.getRuntime();
        return String.format("heap %,d / %,d MB", (r.totalMemory() - r.freeMemory()) >> 20, r.maxMemory() >> 20);
    }

    private void acceptDrops() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (!files.isEmpty()) {
                Path path = files.get(0).toPath();
                if (Files.isDirectory(path) || path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                    openBundle(path);
                } else {
                    openData(path, this::autoAnalyse);
                }
            }
            e.setDropCompleted(true);
            e.consume();
        });
    }

    private void applyTheme(boolean dark) {
        Theme.apply(scene, dark);
    }

    private void refreshRecent() {
        fill(recentBundles, settings::recentBundles, this::openBundle);
        fill(recentData, settings::recentData, path -> openData(path, this::autoAnalyse));
    }

    private static void fill(Menu menu, Supplier<List<Path>> paths, Consumer<Path> open) {
        menu.getItems().clear();
        for (Path path : paths.get()) {
            MenuItem item = new MenuItem(path.toString());
            item.setOnAction(e -> open.accept(path));
            menu.getItems().add(item);
        }
        menu.setDisable(menu.getItems().isEmpty());
    }

    private void chooseBundle() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model bundle folder");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openBundle(dir.toPath());
        }
    }

    private void chooseZip() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a zipped model bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zipped bundles", "*.zip"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openBundle(file.toPath());
        }
    }

    private void chooseData() {
        chooseCsv("Open a CSV file").ifPresent(file -> openData(file, this::autoAnalyse));
    }

    /** For files PredictBench cannot read alone: another encoding, delimiter, decimal mark or missing markers. */
    private void chooseDataWithOptions() {
        chooseCsv("Open a CSV file with options").filter(file -> !workbench.isBusy())
                .ifPresent(this::openDataWithOptions);
    }

    private java.util.Optional<Path> chooseCsv(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return java.util.Optional.ofNullable(chooser.showOpenDialog(stage)).map(File::toPath);
    }

    /** Asks how the file is written, then opens it so. */
    public void openDataWithOptions(Path file) {
        boolean same = file.equals(workbench.dataFileProperty().get());
        dev.predictbench.ui.data.CsvOptionsDialog.show(stage, file.getFileName().toString(),
                same ? workbench.csvDialect() : dev.predictbench.data.CsvDialect.AUTO).ifPresent(dialect ->
                data.open(file, dialect).addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
                    settings.rememberData(file);
                    refreshRecent();
                    tabs.getSelectionModel().select(OVERVIEW);
                    javafx.application.Platform.runLater(this::autoAnalyse);
                }));
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

    private void matchColumns() {
        var result = data.resultProperty().get();
        if (result == null || result.columns() == null || workbench.isBusy()) {
            return;
        }
        ColumnMappingDialog.show(stage, result.columns().missing(), result.pages().header(),
                workbench.columnMapping()).ifPresent(data::remap);
    }

    private void chooseFailureExport() {
        if (data.resultProperty().get() == null || workbench.isBusy()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the validation failures");
        chooser.setInitialFileName("failures.csv");
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            data.exportFailures(file.toPath());
        }
    }

    private void chooseReportExport() {
        if (workbench.cannotWork().get()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export a report to share (one HTML file)");
        chooser.setInitialFileName(workbench.bundle().manifest().name() + "-report.html");
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            exportReport(file.toPath());
        }
    }

    /** Writes the HTML report for the open bundle and data file in the background. */
    public javafx.concurrent.Task<Path> exportReport(Path target) {
        return ReportExport.run(workbench, target);
    }

    public void showTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    public void score() {
        if (predictions.canScore()) {
            tabs.getSelectionModel().select(PREDICTIONS);
            predictions.score();
        }
    }

    /**
     * What runs by itself once a file is open: scoring (the prediction distribution), then drift
     * against the bundle's reference. A file over 200 MB waits for Score; MC dropout always waits.
     */
    public void autoAnalyse() {
        Path file = workbench.dataFileProperty().get();
        if (workbench.isBusy() || !predictions.canScore() || file == null
                || file.toFile().length() > AUTO_ANALYSIS_BYTES) {
            return;
        }
        predictions.score().addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e ->
                javafx.application.Platform.runLater(() -> {
                    Bundle bundle = workbench.bundle();
                    if (bundle != null && bundle.referenceFile().isPresent() && !workbench.isBusy()) {
                        analysis.drift().run();
                    }
                }));
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
