package dev.predictbench.ui;

import dev.predictbench.inference.TorchRuntime;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

/** What PredictBench runs on, as text that can be copied into a bug report. */
public final class EnvironmentDialog {

    private EnvironmentDialog() {
    }

    public static String describe(TorchRuntime.EngineInfo engine) {
        Runtime runtime = Runtime.getRuntime();
        return String.join("\n",
                "PredictBench " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "JavaFX " + System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "?")),
                "DJL " + engine.djlVersion() + ", PyTorch engine, libtorch " + engine.libtorchVersion(),
                "Default device " + engine.defaultDevice() + ", GPUs seen " + engine.gpuCount(),
                "libtorch threads: intra-op " + System.getProperty("ai.djl.pytorch.num_threads", "?")
                        + ", inter-op " + System.getProperty("ai.djl.pytorch.num_interop_threads", "?"),
                "CPUs " + runtime.availableProcessors() + ", max heap " + (runtime.maxMemory() >> 20) + " MB",
                "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                "DJL cache " + System.getenv().getOrDefault("DJL_CACHE_DIR",
                        System.getProperty("user.home") + "/.djl.ai"),
                "Offline mode " + System.getProperty("ai.djl.offline"));
    }

    public static void show(Window owner, TorchRuntime.EngineInfo engine) {
        TextArea text = new TextArea(describe(engine));
        text.setId("environment-text");
        text.setEditable(false);
        text.setPrefRowCount(11);
        ButtonType copy = new ButtonType("Copy");
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", copy, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Environment");
        alert.setHeaderText("What PredictBench runs on");
        alert.getDialogPane().setContent(text);
        alert.showAndWait().filter(copy::equals).ifPresent(b -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private static String version() {
        String version = EnvironmentDialog.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
