package dev.predictbench;

import dev.predictbench.cli.Cli;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.ui.WorkbenchLauncher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Entry point: with no arguments opens the workbench; with a command runs headless
 * and never touches a display. Not a JavaFX Application itself, so JavaFX can be
 * loaded from the class path.
 */
public final class Main {

    /** Commands that run the model (its parity rows at least), so the engine is started at once. */
    private static final Set<String> RUN_A_MODEL = Set.of("score", "inspect", "calibrate",
            "drift", "report", "bench", "import");

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything can start DJL: offline natives from the jar, no telemetry.
        TorchRuntime.configureOffline();
        if (args.length == 0) {
            WorkbenchLauncher.launch();
            return;
        }
        var child = HeadlessMemory.relaunchCommand(args);
        if (child.isPresent()) {
            System.exit(HeadlessMemory.run(child.get()));
        }
        if (Boolean.getBoolean(ClassDataSharing.ARCHIVING)) {
            ClassDataSharing.loadForArchive();
        }
        if (RUN_A_MODEL.contains(args[0])) {
            // libtorch loads (native, about a second) while the bundle and the file are read.
            TorchRuntime.startInBackground();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(Cli.run(args, out, err));
    }
}
