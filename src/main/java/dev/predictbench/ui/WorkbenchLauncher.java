package dev.predictbench.ui;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX workbench; kept apart so headless commands never load JavaFX. */
public final class WorkbenchLauncher {

    /** What to open at start: null for the embedded sample. */
    record Startup(Path bundle, Path data, Path validation) {
    }

    private static volatile Startup startup;

    private WorkbenchLauncher() {
    }

    /** Opens the workbench with the embedded sample bundle and its data. */
    public static void launch() {
        Application.launch(WorkbenchApp.class);
    }

    /**
     * Opens the workbench on a bundle and, if given, a data file (validated and scored) and a
     * labelled validation file (loaded into the calibration lab).
     */
    public static void launch(Path bundle, Path data, Path validation) {
        startup = new Startup(bundle, data, validation);
        Application.launch(WorkbenchApp.class);
    }

    static Startup startup() {
        return startup;
    }
}
