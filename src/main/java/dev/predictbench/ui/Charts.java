package dev.predictbench.ui;

import java.io.File;
import java.io.IOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/** Charts can be saved as PNG from their context menu. */
public final class Charts {

    private Charts() {
    }

    public static void addPngExport(Node chart, String defaultName) {
        MenuItem save = new MenuItem("Save chart as PNG...");
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(defaultName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
            File file = chooser.showSaveDialog(chart.getScene().getWindow());
            if (file != null) {
                savePng(chart, file);
            }
        });
        ContextMenu menu = new ContextMenu(save);
        chart.setOnContextMenuRequested(e -> menu.show(chart, e.getScreenX(), e.getScreenY()));
    }

    /** Snapshots on the FX thread (it must), encodes and writes on a background thread. */
    public static void savePng(Node chart, File file) {
        WritableImage image = chart.snapshot(null, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        Thread writer = new Thread(() -> {
            try {
                ImageIO.write(buffered, "png", file);
            } catch (IOException e) {
                javafx.application.Platform.runLater(() -> ErrorDialog.show(chart.getScene().getWindow(),
                        new dev.predictbench.InputException(file + ": cannot be written: " + e.getMessage(), e)));
            }
        }, "predictbench-png");
        writer.setDaemon(true);
        writer.start();
    }
}
