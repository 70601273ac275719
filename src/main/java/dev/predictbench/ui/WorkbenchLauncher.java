package dev.predictbench.ui;

import javafx.application.Application;

/** Starts the JavaFX workbench; kept apart so headless commands never load JavaFX. */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    public static void launch() {
        Application.launch(WorkbenchApp.class);
    }
}
