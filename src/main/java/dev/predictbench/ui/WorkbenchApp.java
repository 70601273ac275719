package dev.predictbench.ui;

import dev.predictbench.bundle.EmbeddedSample;
import dev.predictbench.ui.predictions.PredictionsModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. On start it opens the embedded sample bundle and its
 * unseen rows and scores them, so a first look shows a working model.
 */
public final class WorkbenchApp extends Application {

    private EngineExecutor engine;

    @Override
    public void start(Stage stage) {
        engine = new EngineExecutor();
        WorkbenchModel workbench = new WorkbenchModel(engine, error -> ErrorDialog.show(stage, error));
        PredictionsModel predictions = new PredictionsModel(workbench);
        new MainWindow(stage, workbench, predictions).show();
        if (EmbeddedSample.isPresent()) {
            var sample = EmbeddedSample.extract();
            workbench.openBundle(sample.bundle(), () -> {
                workbench.openData(sample.data());
                predictions.score();
            });
        }
    }

    @Override
    public void stop() {
        engine.close();
        Platform.exit();
    }
}
