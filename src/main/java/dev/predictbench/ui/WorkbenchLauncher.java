package dev.predictbench.ui;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX workbench; kept apart so headless commands never load JavaFX. */
public final class WorkbenchLauncher {

    /** What to open at start: null for the embedded sample. */
    record Startup(Path bundle, Path data, Path validation) {
    }

    private static volatile Startup startup;

    /**
     * JavaFX warns "Unsupported JavaFX configuration" when loaded from the class path, which is
     * how this (non-modular) application runs it, on purpose and without problems. Held here so
     * the logger keeps the level.
     */
    private static final java.util.logging.Logger JAVAFX = java.util.logging.Logger.getLogger("javafx");

    private WorkbenchLauncher() {
    }

    /** Opens the workbench with the embedded sample bundle and its data. */
    public static void launch() {
        quietClassPathWarning();
        Application.launch(WorkbenchApp.class);
    }

    private static void quietClassPathWarning() {
        JAVAFX.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /**
     * Opens the workbench on a bundle and, if given, a data file (validated and scored) and a
     * labelled validation file (loaded into the calibration lab).
     */
    public static void launch(Path bundle, Path data, Path validation) {
        startup = new Startup(bundle, data, validation);
        quietClassPathWarning();
        Application.launch(WorkbenchApp.class);
    }

    static Startup startup() {
        return startup;
    }
}
