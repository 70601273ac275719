package dev.predictbench.ui;

import dev.predictbench.bundle.EmbeddedSample;
import dev.predictbench.ui.calibration.CalibrationModel;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.uncertainty.UncertaintyModel;
import dev.predictbench.ui.predictions.PredictionsModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.stage.Stage;

/**
 * The JavaFX application. On start it opens the embedded sample bundle with its
 * unseen rows, validated and scored, so a first look shows a working model.
 */
public final class WorkbenchApp extends Application {

    private EngineExecutor engine;
    private WorkbenchModel workbench;
    private FxWatchdog watchdog;

    @Override
    public void start(Stage stage) {
        engine = new EngineExecutor();
        watchdog = FxWatchdog.start();
        workbench = new WorkbenchModel(engine, error -> ErrorDialog.show(stage, error));
        PredictionsModel predictions = new PredictionsModel(workbench);
        DataModel data = new DataModel(workbench);
        AnalysisTabs analysis = new AnalysisTabs(stage, workbench, new CalibrationModel(workbench),
                new UncertaintyModel(workbench));
        MainWindow window = new MainWindow(stage, workbench, predictions, data, Settings.user(), analysis);
        window.show();
        WorkbenchLauncher.Startup startup = WorkbenchLauncher.startup();
        workbench.startEngine(() -> {
            if (startup != null) {
                workbench.openBundle(startup.bundle(), () -> {
                    if (startup.data() != null) {
                        window.openData(startup.data(), () -> {
                            if (startup.validation() != null) {
                                window.showTab(MainWindow.CALIBRATION);
                                analysis.loadLabelled(startup.validation());
                            } else {
                                window.autoAnalyse();
                            }
                        });
                    }
                });
            } else if (EmbeddedSample.isPresent()) {
                workbench.run(new Task<EmbeddedSample.Extracted>() {
                    @Override
                    protected EmbeddedSample.Extracted call() {
                        return EmbeddedSample.extract();
                    }
                }).setOnSucceeded(e -> {
                    var sample = (EmbeddedSample.Extracted) e.getSource().getValue();
                    workbench.openBundle(sample.bundle(), () -> window.openData(sample.data(), window::autoAnalyse));
                });
            }
        });
    }

    @Override
    public void stop() {
        watchdog.close();
        workbench.closeModel();
        engine.close();
        Platform.exit();
    }
}
