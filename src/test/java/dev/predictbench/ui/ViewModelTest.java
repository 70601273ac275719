package dev.predictbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import dev.predictbench.ui.calibration.CalibrationModel;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.predictions.PredictionsModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The view models alone, with no window: what the views bind to, driven as the views drive it. */
class ViewModelTest {

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private EngineExecutor engine;
    private WorkbenchModel workbench;

    @BeforeAll
    static void toolkit() throws Exception {
        // TestFX's way to start the toolkit, shared with the window tests in this JVM (a plain
        // Platform.startup here would take the toolkit away from their robot).
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void models() {
        engine = new EngineExecutor();
        workbench = new WorkbenchModel(engine, errors::add);
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(workbench::closeModel).get(10, java.util.concurrent.TimeUnit.SECONDS);
        engine.close();
    }

    private static void fx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !workbench.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openBundle(Path bundle) throws Exception {
        fx(() -> workbench.openBundle(bundle, () -> { }));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.bundle() != null);
        idle();
    }

    @Test
    void theDataModelGroupsAndFiltersFailures() throws Exception {
        openBundle(Samples.CLINIC_RISK);
        DataModel data = new DataModel(workbench);
        fx(() -> data.open(Samples.CLINIC_RISK.resolve("failures.csv")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> data.resultProperty().get() != null);
        idle();
        assertEquals(13, data.resultProperty().get().summary().invalid());
        Map<String, Map<String, Long>> groups = data.groups();
        assertEquals(Map.of("pregnancy-age", 1L, "pregnant-male", 1L), groups.get("rule"));
        assertEquals(5, groups.get("structure").size());
        fx(() -> data.filter("pregnant", null, null));
        assertEquals(4, data.shownFailures().size());
        fx(() -> data.filter("", "range", null));
        assertEquals(6, data.shownFailures().size());
        fx(() -> data.filter("", "range", "age:max"));
        assertEquals(1, data.shownFailures().size());
        assertEquals(List.of(), errors);
    }

    @Test
    void thePredictionsModelScoresTheOpenFileIntoRowsAndHistograms() throws Exception {
        openBundle(Samples.BREAST_CANCER);
        fx(() -> workbench.openData(Samples.BREAST_CANCER.resolve("unseen.csv")));
        PredictionsModel predictions = new PredictionsModel(workbench);
        fx(predictions::score);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.summaryProperty().get() != null);
        idle();
        assertEquals(114, predictions.rows().size());
        assertEquals(114, predictions.histogramsProperty().get().get(1).total());
        assertEquals(List.of("prediction", "p_benign", "p_malignant", "status", "errors"),
                predictions.layoutProperty().get().columns());
    }

    @Test
    void theCalibrationModelFitsAndTheLatestTemperatureWins() throws Exception {
        Path digits = Path.of("sample-models", "digits");
        openBundle(digits);
        CalibrationModel calibration = new CalibrationModel(workbench);
        fx(() -> calibration.load(digits.resolve("validation.csv"), "digit"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> calibration.currentProperty().get() != null);
        fx(calibration::fit);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> calibration.fitProperty().get() != null);
        double expected = new ObjectMapper().readTree(Path.of("src/test/resources/reference/calibration.json")
                .toFile()).get("multiclass").get("fitted_temperature").asDouble();
        assertEquals(expected, calibration.temperatureProperty().get(), 1e-5);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> calibration.currentProperty().get().metrics().temperature() == calibration.fitProperty().get()
                        .temperature());
        double bestNll = calibration.currentProperty().get().metrics().nll();

        fx(() -> {
            for (double t : new double[] {0.5, 1.5, 4, 9, 3}) {
                calibration.temperatureProperty().set(t);
            }
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> calibration.currentProperty().get().metrics().temperature() == 3.0);
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3.0, calibration.currentProperty().get().metrics().temperature(), 0.0,
                "stale slider positions never overwrite the latest");
        assertTrue(calibration.currentProperty().get().metrics().nll() > bestNll, "T = 3 is worse than the fit");
    }
}
