package dev.predictbench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sensible memory for headless commands without JVM flags. The JVM's default heap is a
 * quarter of RAM, and G1 grows into it although scoring streams in batches: a plain
 * {@code java -jar ... score} would hold a gigabyte for a job that needs 150 MB. A headless
 * command started without a heap limit therefore runs in a child JVM with one
 * ({@link #HEAP}); output, exit code and Ctrl-C pass through. An explicit -Xmx (or
 * -XX:MaxRAMPercentage, ...) is respected, and so is PREDICTBENCH_HEAP=default.
 */
final class HeadlessMemory {

    static final String HEAP = "-Xmx160m";
    /**
     * C2 (the optimising JIT) only for code that stays hot: ten times HotSpot's default thresholds.
     * A command's start-up (jar directories, JSON, command parsing) otherwise sends ~100 lukewarm
     * methods to C2, about 0.5 s of CPU that a 2-core machine takes from the work itself; the
     * per-row code reaches C2 within the first few thousand rows either way (decision 14).
     */
    static final List<String> JIT = List.of("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000");
    static final String RELAUNCHED = "predictbench.relaunched";
    /** Set by the installed application's launcher (pom.xml, jpackage --java-options). */
    private static final String LAUNCHER = "predictbench.launcher";

    private HeadlessMemory() {
    }

    /** The child's command line, or empty when this JVM should do the work itself. */
    static Optional<List<String>> relaunchCommand(String[] args) {
        // The window keeps the JVM's default: tables and charts of big files want the room.
        // Checked before asking JMX for the JVM's options, which the child need not load.
        if (args.length == 0 || args[0].equals("workbench") || System.getProperty(RELAUNCHED) != null
                || "default".equals(System.getenv("PREDICTBENCH_HEAP"))) {
            return Optional.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        // The installed launcher's MaxRAMPercentage is the window's heap, not a choice for headless work.
        boolean installed = System.getProperty(LAUNCHER) != null;
        boolean limited = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")
                || a.startsWith("-XX:MaxRAM") && !installed);
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (limited || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add(HEAP);
        command.addAll(JIT);
        command.addAll(ClassDataSharing.forChild().options());
        command.add("-D" + RELAUNCHED + "=true");
        command.addAll(jvmArgs.stream().filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")
                && !(installed && a.startsWith("-XX:MaxRAM"))).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Runs the command in the child JVM and returns its exit code; Ctrl-C reaches the child, which cleans up. */
    static int run(List<String> command) {
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            // The terminal signals the whole process group; this JVM just waits for the child's own cleanup.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "predictbench-child"));
            int exit = child.waitFor();
            ClassDataSharing.forChild().afterChild(command, exit);
            return exit;
        } catch (java.io.IOException e) {
            System.err.println("predictbench: cannot start " + command.get(0) + " (" + e.getMessage()
                    + "); set PREDICTBENCH_HEAP=default to run in this JVM");
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
