package dev.predictbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.predictions.PredictionsModel;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle): what an analyst does, step by step, and what goes wrong. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private EngineExecutor engine;
    private WorkbenchModel workbench;
    private PredictionsModel predictions;
    private DataModel data;
    private MainWindow window;
    private AnalysisTabs analysis;
    private dev.predictbench.ui.calibration.CalibrationModel calibration;
    private dev.predictbench.ui.uncertainty.UncertaintyModel uncertainty;
    private Preferences prefs;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        engine = new EngineExecutor();
        workbench = new WorkbenchModel(engine, errors::add);
        predictions = new PredictionsModel(workbench);
        data = new DataModel(workbench);
        prefs = Preferences.userRoot().node("dev/predictbench/test-" + System.nanoTime());
        analysis = new AnalysisTabs(stage, workbench, calibration = new dev.predictbench.ui.calibration.CalibrationModel(workbench),
                uncertainty = new dev.predictbench.ui.uncertainty.UncertaintyModel(workbench));
        window = new MainWindow(stage, workbench, predictions, data, new Settings(prefs), analysis);
        window.show();
    }

    @AfterEach
    void closeEngine() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(workbench::closeModel).get(10, java.util.concurrent.TimeUnit.SECONDS);
        engine.close();
        prefs.removeNode();
    }

    private void idle() throws Exception {
        WorkbenchFixture.idle(workbench);
    }

    private void openBundleAndData(FxRobot robot, Path bundle, Path file) throws Exception {
        WorkbenchFixture.open(robot, workbench, window, data, bundle, file);
    }

    @Test
    void fromBundleAndFileToFailuresScoresAndAnExport(FxRobot robot) throws Exception {
        openBundleAndData(robot, Samples.CLINIC_RISK, Samples.CLINIC_RISK.resolve("failures.csv"));

        TableView<?> schema = robot.lookup("#schema-table").queryTableView();
        assertEquals(8, schema.getItems().size(), "the model view lists the features");
        TableView<?> rows = robot.lookup("#data-table").queryTableView();
        assertEquals(15, rows.getItems().size());
        TableView<ValidationFailure> failures = robot.lookup("#failures").queryTableView();
        List<Map<String, String>> expected = Samples.readCsv(Samples.CLINIC_RISK.resolve("golden/failures_expected.csv"));
        assertEquals(expected.size(), failures.getItems().size(), "every failure is listed");
        assertTrue(robot.lookup("#column-report").queryAs(Label.class).getText().contains("13 invalid rows"));

        // The overview answers first; its validation card leads to the failures.
        assertTrue(robot.lookup("#card-validation").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().equals("13 invalid")), "the overview's card");
        robot.clickOn("#card-validation");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("tab-data", robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId());
        assertRowNumbersFit(robot, rows, "99999999");
        robot.clickOn("#failure-filter").write("pregnant");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, failures.getItems().size(), "pregnant-male, pregnancy-age, pregnant:max, pregnant:type");
        robot.interact(() -> failures.getSelectionModel().select(0));
        ValidationFailure chosen = failures.getItems().get(0);
        assertEquals(chosen.row() - 1, rows.getSelectionModel().getSelectedIndex(), "its row is selected");
        robot.interact(() -> robot.lookup("#failure-filter").queryAs(TextField.class).clear());

        robot.clickOn("#score");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.summaryProperty().get() != null);
        idle();
        TableView<ScoredRow> results = robot.lookup("#results").queryTableView();
        assertEquals(15, results.getItems().size());
        assertEquals(13, results.getItems().stream().filter(r -> !r.valid()).count());
        assertEquals(3, predictions.histogramsProperty().get().size(), "one histogram per class");
        assertEquals(2, predictions.histogramsProperty().get().get(0).total());

        Path exported = dir.resolve("scored.csv");
        robot.interact(() -> predictions.export(exported));
        idle();
        assertEquals(16, Files.readAllLines(exported).size());
        assertTrue(Files.exists(dir.resolve("scored.csv.run.json")));
        Path failuresFile = dir.resolve("failures.csv");
        robot.interact(() -> data.exportFailures(failuresFile));
        idle();
        assertEquals(expected.size() + 1, Files.readAllLines(failuresFile).size());
        assertEquals(List.of(), errors);
        assertEquals(Samples.CLINIC_RISK.toAbsolutePath().normalize(), new Settings(prefs).recentBundles().get(0),
                "recent bundles are remembered");
    }

    @Test
    void aFolderWithoutBundleShowsAnErrorAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        robot.interact(() -> window.openBundle(dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !errors.isEmpty());
        idle();
        assertInstanceOf(InputException.class, errors.get(0));
        assertTrue(errors.get(0).getMessage().contains("bundle.json is missing"), errors.get(0).getMessage());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Failed:"));
        assertFalse(workbench.isBusy());
    }

    @Test
    void aBundleWhoseParityRowsDisagreeIsRefusedWithARedBannerAndAGoodOneSaysItReproduces(FxRobot robot)
            throws Exception {
        Path bundle = java.nio.file.Files.createDirectories(dir.resolve("drifted"));
        for (String name : List.of("bundle.json", "model.pt", "reference.csv")) {
            java.nio.file.Files.copy(Samples.BREAST_CANCER.resolve(name), bundle.resolve(name));
        }
        List<String> parity = new java.util.ArrayList<>(
                java.nio.file.Files.readAllLines(Samples.BREAST_CANCER.resolve("parity.csv")));
        parity.set(2, parity.get(2).substring(0, parity.get(2).lastIndexOf(',')) + ",0.25");
        java.nio.file.Files.write(bundle.resolve("parity.csv"), parity);

        robot.interact(() -> window.openBundle(bundle));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !errors.isEmpty());
        idle();
        Label banner = robot.lookup("#parity-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().contains("row 2, column \"p_malignant\": the training stack computed 0.25"),
                banner.getText());
        assertEquals("No bundle open.", robot.lookup("#bundle-summary").queryAs(Label.class).getText());

        robot.interact(() -> window.openBundle(Samples.BREAST_CANCER));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.bundle() != null);
        idle();
        assertFalse(robot.lookup("#parity-banner").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#bundle-summary").queryAs(Label.class).getText()
                .contains("parity verified: 200 rows"));
    }

    @Test
    void aWindowsExcelFileOpensWithTheEncodingChosenInTheOptionsDialogAndScoresAllRows(FxRobot robot)
            throws Exception {
        Path excel = Path.of("src/test/resources/csv-dialects/excel-semicolon-cp1252.csv");
        openBundleAndData(robot, Samples.CLINIC_RISK, Samples.CLINIC_RISK.resolve("valid.csv"));
        javafx.application.Platform.runLater(() -> window.openDataWithOptions(excel));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#csv-encoding").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#csv-encoding").<javafx.scene.control.ChoiceBox<String>>query()
                .setValue("Windows-1252 (Excel on Windows)"));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> excel.equals(workbench.dataFileProperty().get()));
        idle();
        assertEquals(200, data.resultProperty().get().summary().valid(), "decimal commas read, every row valid");
        assertEquals("Dr. Müller", data.resultProperty().get().pages().row(1)[9]);
        assertEquals(';', data.resultProperty().get().pages().dialect().delimiter());
        // Scored by itself once open, as every file is.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.summaryProperty().get() != null);
        idle();
        assertEquals(0, predictions.summaryProperty().get().invalidRows());
        assertEquals(200, predictions.summaryProperty().get().rows());
    }

    @Test
    void fileExportReportWritesTheSameSelfContainedReportAsTheCommand(FxRobot robot) throws Exception {
        Path failures = Samples.CLINIC_RISK.resolve("failures.csv");
        openBundleAndData(robot, Samples.CLINIC_RISK, failures);
        Path report = dir.resolve("clinic-report.html");
        robot.interact(() -> window.exportReport(report));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(report) && !workbench.isBusy());
        idle();
        String html = Files.readString(report);
        assertTrue(html.contains("<div class=\"card\"><b>13</b>invalid</div>"), "13 invalid rows, as validate says");
        assertTrue(html.contains("<h2>Drift against the reference sample</h2>"));
        assertTrue(html.contains("parity: 200 rows reproduce the training stack"));
        assertFalse(html.contains("<script"));
        assertEquals("Wrote the report clinic-report.html.", robot.lookup("#status").queryAs(Label.class).getText());
    }

    @Test
    void openingAFileScoresItAndComparesItWithTheReferenceByItselfAndTheOverviewSaysSo(FxRobot robot)
            throws Exception {
        robot.interact(() -> workbench.startEngine(() -> window.openBundle(Samples.CLINIC_RISK)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.bundle() != null);
        idle();
        assertTrue(robot.lookup("#overview-empty").queryAs(Label.class).isVisible(), "an empty state says what to do");
        robot.interact(() -> window.openData(Samples.CLINIC_RISK.resolve("valid.csv"), window::autoAnalyse));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> analysis.drift().reportProperty().get() != null);
        idle();
        assertFalse(robot.lookup("#overview-empty").queryAs(Label.class).isVisible());
        assertEquals(200, predictions.summaryProperty().get().rows(), "scored without pressing Score");
        assertEquals("200 scored", cardValue(robot, "#card-predictions"));
        assertTrue(cardValue(robot, "#card-drift").endsWith(" drifted"), cardValue(robot, "#card-drift"));
        assertEquals("Reproduces", cardValue(robot, "#card-parity"));
        assertEquals("Not run", cardValue(robot, "#card-uncertainty"), "MC dropout waits for a click");

        robot.clickOn("#overview-run-uncertainty");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> uncertainty.resultProperty().get() != null);
        idle();
        assertEquals("200 rows", cardValue(robot, "#card-uncertainty"));
    }

    private static String cardValue(FxRobot robot, String card) {
        return robot.lookup(card + " .card-value").queryAs(Label.class).getText();
    }

    @Test
    void aFileThatIsNotCsvIsAClearErrorAndAFileWithoutTheColumnsIsReported(FxRobot robot) throws Exception {
        openBundleAndData(robot, Samples.CLINIC_RISK, Samples.CLINIC_RISK.resolve("valid.csv"));
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        robot.interact(() -> window.openData(empty, () -> { }));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !errors.isEmpty());
        idle();
        assertTrue(errors.get(0).getMessage().contains("the file is empty"), errors.get(0).getMessage());

        Path other = dir.resolve("other.csv");
        Files.writeString(other, "name,city\nAda,London\n");
        robot.interact(() -> window.openData(other, () -> { }));
        idle();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#column-report").queryAs(Label.class).getText().contains("Missing"));
        assertFalse(data.resultProperty().get().columns().usable());
    }

    @Test
    void aColumnNamedDifferentlyCanBeMatchedByHandAndThenScores(FxRobot robot) throws Exception {
        Path renamed = dir.resolve("renamed.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Samples.CLINIC_RISK.resolve("valid.csv")));
        lines.set(0, lines.get(0).replace(",age,", ",age_years,"));
        Files.write(renamed, lines);
        openBundleAndData(robot, Samples.CLINIC_RISK, renamed);
        assertEquals(List.of("age"), data.resultProperty().get().columns().missing());
        assertTrue(robot.lookup("#match-columns").queryButton().isVisible());

        robot.interact(() -> data.remap(new dev.predictbench.schema.ColumnMapping(Map.of("age", "age_years"))));
        idle();
        assertTrue(data.resultProperty().get().columns().usable());
        assertEquals(0, data.resultProperty().get().summary().invalid());
        robot.interact(window::score);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.summaryProperty().get() != null);
        idle();
        assertEquals(200, predictions.summaryProperty().get().rows());
        assertEquals(0, predictions.summaryProperty().get().invalidRows());
        assertEquals("age_years", predictions.inputColumnsProperty().get().get(1), "the file keeps its own names");
        assertEquals(List.of(), errors);
    }

    @Test
    void cancellingScoringStopsItLeavesTheWindowResponsiveAndExportsNothing(FxRobot robot) throws Exception {
        Path big = dir.resolve("big.csv");
        List<String> lines = Files.readAllLines(Samples.BREAST_CANCER.resolve("unseen.csv"));
        try (BufferedWriter out = Files.newBufferedWriter(big)) {
            out.write(lines.get(0) + "\n");
            for (int i = 0; i < 3_000; i++) {
                for (String line : lines.subList(1, lines.size())) {
                    out.write(line + "\n");
                }
            }
        }
        openBundleAndData(robot, Samples.BREAST_CANCER, big);
        FxWatchdog watchdog = FxWatchdog.start();
        try {
            Path output = dir.resolve("never.csv");
            robot.interact(() -> predictions.export(output));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> workbench.progressProperty().get() > 0.05);
            long blocked = watchdog.maxLatencyMillis();
            robot.clickOn("#cancel");
            idle();
            assertEquals("Cancelled.", robot.lookup("#status").queryAs(Label.class).getText());
            assertFalse(Files.exists(output));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")));
            }
            // The FX thread only touches nodes while the engine works: it stays responsive throughout.
            assertTrue(blocked < 1_000, "the FX thread was blocked for " + blocked + " ms during scoring");
            System.out.println("FX thread: longest wait during scoring " + blocked + " ms");
        } finally {
            watchdog.close();
        }
        assertEquals(List.of(), errors);
    }

    /**
     * The row-number column is wide enough for {@code widest} in its cells' own font and padding: a
     * big file's row numbers must show whole, not as "39999...".
     */
    private static void assertRowNumbersFit(FxRobot robot, TableView<?> table, String widest) {
        var column = table.getColumns().get(0);
        javafx.scene.control.TableCell<?, ?> cell = robot.lookup(".table-cell").queryAllAs(
                javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getTableView() == table && c.getTableColumn() == column && !c.isEmpty())
                .findFirst().orElseThrow();
        javafx.scene.text.Text text = new javafx.scene.text.Text(widest);
        text.setFont(cell.getFont());
        double needed = text.getLayoutBounds().getWidth() + cell.getInsets().getLeft() + cell.getInsets().getRight();
        assertTrue(column.getWidth() >= needed, "row column " + column.getWidth() + " px < " + needed + " px");
    }
}
