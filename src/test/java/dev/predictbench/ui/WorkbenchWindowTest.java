package dev.predictbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.ui.predictions.PredictionsModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/** The real window, headless (Monocle): open the sample bundle and data, score, see the table, export. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    private static final Path UNSEEN = Samples.BREAST_CANCER.resolve("unseen.csv");

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private EngineExecutor engine;
    private WorkbenchModel workbench;
    private PredictionsModel predictions;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        engine = new EngineExecutor();
        workbench = new WorkbenchModel(engine, errors::add);
        predictions = new PredictionsModel(workbench);
        new MainWindow(stage, workbench, predictions).show();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void scoresTheSampleAndShowsPredictionsInTheTable(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.openBundle(Samples.BREAST_CANCER, () -> workbench.openData(UNSEEN)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.canScore());

        robot.clickOn("#score");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> predictions.summaryProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#results").queryTableView();
        assertEquals(114, table.getItems().size());
        List<String> headers = table.getColumns().stream().map(c -> c.getText()).toList();
        assertEquals(List.of("row", "prediction", "p_benign", "p_malignant", "status", "errors", "sample_id"),
                headers.subList(0, 7));
        List<Map<String, String>> golden = Samples.readCsv(Samples.BREAST_CANCER.resolve("golden/unseen_outputs.csv"));
        ScoredRow first = (ScoredRow) table.getItems().get(0);
        assertEquals(golden.get(0).get("prediction"), first.prediction());
        Object shown = table.getColumns().get(3).getCellData(0);
        assertEquals(Double.parseDouble(golden.get(0).get("p_malignant")), Double.parseDouble((String) shown), 1e-5);
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Scored 114 rows"));
        assertEquals(List.of(), errors);

        Path exported = dir.resolve("export.csv");
        robot.interact(() -> predictions.export(exported));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(exported.resolveSibling("export.csv.run.json")));
        assertEquals(115, Files.readAllLines(exported).size());
    }

    @Test
    void aFolderWithoutBundleShowsAnErrorAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.openBundle(dir, () -> { }));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(InputException.class, errors.get(0));
        assertTrue(errors.get(0).getMessage().contains("bundle.json is missing"), errors.get(0).getMessage());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Failed:"));
        assertTrue(!workbench.isBusy());
    }
}
