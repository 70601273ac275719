package dev.predictbench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.cli.Cli;
import dev.predictbench.ui.calibration.CalibrationModel;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.predictions.PredictionsModel;
import dev.predictbench.ui.uncertainty.UncertaintyModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The calibration lab, uncertainty, drift and compare views, headless, against the headless commands. */
@ExtendWith(ApplicationExtension.class)
class AnalysisViewsTest {

    private static final Path DIGITS = Path.of("sample-models", "digits");
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private EngineExecutor engine;
    private WorkbenchModel workbench;
    private DataModel data;
    private CalibrationModel calibration;
    private UncertaintyModel uncertainty;
    private AnalysisTabs analysis;
    private MainWindow window;
    private Preferences prefs;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        engine = new EngineExecutor();
        workbench = new WorkbenchModel(engine, errors::add);
        data = new DataModel(workbench);
        calibration = new CalibrationModel(workbench);
        uncertainty = new UncertaintyModel(workbench);
        analysis = new AnalysisTabs(stage, workbench, calibration, uncertainty);
        prefs = Preferences.userRoot().node("dev/predictbench/test-" + System.nanoTime());
        window = new MainWindow(stage, workbench, new PredictionsModel(workbench), data, new Settings(prefs), analysis);
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(workbench::closeModel).get(10, java.util.concurrent.TimeUnit.SECONDS);
        engine.close();
        prefs.removeNode();
    }

    private void idle() throws Exception {
        WorkbenchFixture.idle(workbench);
    }

    private void open(FxRobot robot, Path bundle, Path file) throws Exception {
        WorkbenchFixture.open(robot, workbench, window, data, bundle, file);
    }

    private static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, Cli.run(args, new PrintWriter(out), new PrintWriter(new StringWriter())));
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void theCalibrationLabFitsLikeTheCommandAndFollowsTheSlider(FxRobot robot) throws Exception {
        Path validation = DIGITS.resolve("validation.csv");
        open(robot, DIGITS, validation);
        robot.interact(() -> analysis.loadLabelled(validation));
        idle();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> calibration.currentProperty().get() != null);
        robot.clickOn("#tab-calibration");
        robot.clickOn("#calibration-fit");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> calibration.fitProperty().get() != null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Math.abs(
                calibration.currentProperty().get().metrics().temperature() - calibration.fitProperty().get()
                        .temperature()) < 1e-12);
        WaitForAsyncUtils.waitForFxEvents();

        JsonNode command = cli("calibrate", DIGITS.toString(), "--validation", validation.toString(), "--json", "--quiet");
        assertEquals(command.get("temperature").asDouble(), calibration.temperatureProperty().get(), 1e-9);
        assertEquals(String.format("%.4f", command.get("after").get("nll").asDouble()),
                robot.lookup("#metric-nll").queryAs(Label.class).getText());
        assertEquals(String.format("%.4f", command.get("after").get("ece").asDouble()),
                robot.lookup("#metric-ece").queryAs(Label.class).getText());

        String before = robot.lookup("#metric-nll").queryAs(Label.class).getText();
        robot.interact(() -> robot.lookup("#temperature-slider").queryAs(Slider.class).setValue(Math.log10(6)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> Math.abs(calibration.currentProperty().get().metrics().temperature() - 6) < 1e-6);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!before.equals(robot.lookup("#metric-nll").queryAs(Label.class).getText()),
                "moving the slider updates the metrics");

        Path saved = dir.resolve("digits-t6");
        byte[] original = Files.readAllBytes(DIGITS.resolve("bundle.json"));
        robot.interact(() -> calibration.save(saved));
        idle();
        assertEquals(6, BundleLoader.load(saved).manifest().temperature(), 1e-9);
        assertArrayEquals(original, Files.readAllBytes(DIGITS.resolve("bundle.json")));
        assertEquals(List.of(), errors);
    }

    @Test
    void uncertaintyRunsMcPassesOverTheFile(FxRobot robot) throws Exception {
        open(robot, Samples.BREAST_CANCER, Samples.BREAST_CANCER.resolve("unseen.csv"));
        robot.clickOn("#tab-uncertainty");
        robot.clickOn("#mc-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> uncertainty.resultProperty().get() != null);
        idle();
        var result = uncertainty.resultProperty().get();
        assertEquals(114, result.summary().rows());
        assertEquals(114, result.x().length);
        TableView<?> top = robot.lookup("#most-uncertain").queryTableView();
        assertEquals(50, top.getItems().size());
        assertEquals(30, result.summary().mostUncertain().get(0).passes().length);
        assertTrue(result.summary().mostUncertain().get(0).mutualInformation() > 0);
        assertTrue(robot.lookup("#dropout-note").queryAs(Label.class).getText().startsWith("Dropout is active"));
    }

    @Test
    void driftMatchesTheDriftCommand(FxRobot robot) throws Exception {
        Path current = Samples.CLINIC_RISK.resolve("valid.csv");
        open(robot, Samples.CLINIC_RISK, current);
        robot.clickOn("#tab-drift");
        robot.clickOn("#drift-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> analysis.drift().reportProperty().get() != null);
        idle();
        TableView<?> table = robot.lookup("#drift-table").queryTableView();
        assertEquals(8, table.getItems().size(), "7 profiled features and the prediction");
        JsonNode command = cli("drift", Samples.CLINIC_RISK.toString(), "--current", current.toString(), "--json");
        var report = analysis.drift().reportProperty().get();
        for (int i = 0; i < report.features().size(); i++) {
            assertEquals(command.get("features").get(i).get("psi").asDouble(), report.features().get(i).psi(), 1e-12);
        }
        assertEquals(command.get("prediction").get("psi").asDouble(), report.prediction().psi(), 1e-12);
    }

    @Test
    void compareShowsAgreementAndTheFlipMatrixOfInt8AgainstFp32(FxRobot robot) throws Exception {
        open(robot, Samples.BREAST_CANCER, Samples.BREAST_CANCER.resolve("validation.csv"));
        robot.clickOn("#tab-compare");
        robot.interact(() -> analysis.compare().run(Path.of("sample-models", "breast-cancer-int8")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> analysis.compare().resultProperty().get() != null);
        idle();
        var result = analysis.compare().resultProperty().get();
        assertEquals(114, result.rows());
        long diagonal = result.flips()[0][0] + result.flips()[1][1];
        assertEquals(result.agreements(), diagonal);
        assertTrue(result.agreement() >= 0.98, "int8 agrees with fp32: " + result.agreement());
        assertNotNull(result.championMetrics(), "validation.csv has labels");
        assertEquals(result.championMetrics().accuracy(), result.challengerMetrics().accuracy(), 0.02);
        assertTrue(robot.lookup("#compare-summary").queryAs(Label.class).getText().startsWith("Agreement"));
        assertEquals(List.of(), errors);

        robot.interact(() -> window.openData(Samples.BREAST_CANCER.resolve("unseen.csv"), () -> { }));
        idle();
        robot.interact(() -> analysis.compare().run(Path.of("sample-models", "breast-cancer-int8")));
        idle();
        assertNull(analysis.compare().resultProperty().get().championMetrics(), "no labels, no metrics");
    }
}
