package dev.predictbench.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the window tests do before they test: start the engine, open a bundle and a file, wait. */
final class WorkbenchFixture {

    private WorkbenchFixture() {
    }

    static void idle(WorkbenchModel workbench) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !workbench.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void open(FxRobot robot, WorkbenchModel workbench, MainWindow window,
                     dev.predictbench.ui.data.DataModel data, Path bundle, Path file) throws Exception {
        robot.interact(() -> workbench.startEngine(() -> window.openBundle(bundle)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.bundle() != null);
        idle(workbench);
        robot.interact(() -> window.openData(file, () -> { }));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> data.resultProperty().get() != null);
        idle(workbench);
    }
}
