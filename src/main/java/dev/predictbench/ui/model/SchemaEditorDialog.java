package dev.predictbench.ui.model;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.CsvDialect;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The schema editor in a dialog over the window: propose, edit, watch the counts, save a new version. */
public final class SchemaEditorDialog {

    private static final ButtonType PROPOSE = new ButtonType("Propose from Training Sample", ButtonBar.ButtonData.LEFT);
    private static final ButtonType SAVE = new ButtonType("Save as New Version...", ButtonBar.ButtonData.OK_DONE);

    private SchemaEditorDialog() {
    }

    /**
     * @param runOnEngine runs the save (which scores the parity rows) on the engine's thread
     * @param open opens the saved version in the window
     */
    public static void show(Window owner, Bundle bundle, Path openFile, CsvDialect dialect,
                            Consumer<Task<?>> runOnEngine, Consumer<Path> open) {
        show(owner, bundle, openFile, dialect, bundle.referenceFile().orElse(null), runOnEngine, open);
    }

    /** @param sample the training sample ranges are proposed from (an import's data file, say) */
    public static void show(Window owner, Bundle bundle, Path openFile, CsvDialect dialect, Path sample,
                            Consumer<Task<?>> runOnEngine, Consumer<Path> open) {
        SchemaEditor editor = new SchemaEditor(bundle, openFile, dialect, sample);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setResizable(true);
        dialog.setTitle("Edit Schema - " + bundle.manifest().name() + " " + bundle.manifest().version());
        dialog.setHeaderText("Ranges, categories, fills and rules; saved as a new version, the original untouched");
        dialog.getDialogPane().setContent(editor);
        dialog.getDialogPane().setPrefSize(1000, 640);
        dialog.getDialogPane().getButtonTypes().addAll(PROPOSE, SAVE, ButtonType.CLOSE);
        Button propose = (Button) dialog.getDialogPane().lookupButton(PROPOSE);
        propose.setDisable(!editor.canPropose());
        propose.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // proposing keeps the dialog open
            editor.propose();
        });
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Name the new bundle version's folder");
            chooser.setInitialFileName(bundle.manifest().name() + "-edited");
            File target = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
            if (target == null) {
                return;
            }
            Task<Bundle> task;
            try {
                task = editor.save(target.toPath());
            } catch (IllegalArgumentException invalid) {
                editor.showProblem(invalid.getMessage());
                return;
            }
            task.setOnSucceeded(done -> {
                dialog.close();
                open.accept(target.toPath());
            });
            runOnEngine.accept(task);
        });
        dialog.setOnHidden(e -> editor.close());
        dialog.show();
    }
}
