package dev.predictbench.ui;

import dev.predictbench.bundle.BundleImporter;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Turns a bare model.pt and its scikit-learn files into a bundle (the import
 * command's logic, run in the background), then opens it.
 */
public final class ImportDialog {

    private ImportDialog() {
    }

    public static void show(Window owner, WorkbenchModel workbench, Consumer<Path> open) {
        TextField model = new TextField();
        ListView<String> preprocessors = new ListView<>();
        preprocessors.setPrefHeight(90);
        TextField data = new TextField();
        TextField out = new TextField();
        TextField classes = new TextField();
        classes.setPromptText("e.g. benign,malignant (in the model's output order)");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("TorchScript model"), model, browse(owner, model, "*.pt", false));
        Button add = new Button("Add...");
        add.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("scikit-learn files", "*.pkl",
                    "*.pickle", "*.joblib"));
            List<File> files = chooser.showOpenMultipleDialog(owner);
            if (files != null) {
                files.forEach(f -> preprocessors.getItems().add(f.getPath()));
            }
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> preprocessors.getItems().removeAll(preprocessors.getSelectionModel().getSelectedItems()));
        grid.addRow(1, new Label("Scalers / encoders\n(in input order;\nFILE=col1,col2 to\nname columns)"), preprocessors,
                new HBox(4, add, remove));
        grid.addRow(2, new Label("Data (for the schema)"), data, browse(owner, data, "*.csv", false));
        grid.addRow(3, new Label("New bundle folder"), out, browse(owner, out, null, true));
        grid.addRow(4, new Label("Class labels"), classes);
        TextField expected = new TextField();
        expected.setPromptText("optional: rows with the outputs Python computed (p_<class> or prediction)");
        grid.addRow(5, new Label("Python's outputs\n(parity check)"), expected, browse(owner, expected, "*.csv", false));
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import a model");
        dialog.setHeaderText("A bare TorchScript model and the scikit-learn files fitted with it");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> {
            Path target = Path.of(out.getText().strip());
            List<BundleImporter.PreprocessorFile> files = preprocessors.getItems().stream().map(ImportDialog::parse)
                    .toList();
            List<String> labels = Arrays.stream(classes.getText().split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            String expectedFile = expected.getText().strip();
            var request = new BundleImporter.Request(Path.of(model.getText().strip()), files,
                    Path.of(data.getText().strip()), target, target.getFileName().toString(), null, labels, null,
                    expectedFile.isEmpty() ? null : Path.of(expectedFile));
            Task<BundleImporter.Result> task = new Task<>() {
                @Override
                protected BundleImporter.Result call() {
                    updateMessage("Importing " + request.model().getFileName() + "...");
                    // With Python's outputs given, the bundle must reproduce them before it is written.
                    BundleImporter.Result result = BundleImporter.run(request, bundle -> {
                        try (var scorer = dev.predictbench.scoring.Scorer.open(bundle,
                                dev.predictbench.scoring.ScoringOptions.defaults())) {
                            scorer.parity().ifPresent(p -> updateMessage("Checked " + p.describe() + "."));
                        }
                    });
                    updateMessage("Imported " + target + ".");
                    return result;
                }
            };
            task.setOnSucceeded(e -> {
                open.accept(target);
                // An import declares no ranges: offer the schema editor, proposing from the data just read.
                ButtonType edit = new ButtonType("Edit Schema...");
                Alert notes = new Alert(Alert.AlertType.INFORMATION, String.join("\n", task.getValue().notes()),
                        edit, ButtonType.CLOSE);
                notes.initOwner(owner);
                notes.setHeaderText("Wrote " + target);
                notes.showAndWait().filter(edit::equals).ifPresent(x -> dev.predictbench.ui.model.SchemaEditorDialog
                        .show(owner, task.getValue().bundle(), request.schemaFrom(), dev.predictbench.data.CsvDialect.AUTO,
                                request.schemaFrom(), workbench::run, open));
            });
            workbench.run(task);
        });
    }

    private static BundleImporter.PreprocessorFile parse(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? new BundleImporter.PreprocessorFile(Path.of(spec), List.of())
                : new BundleImporter.PreprocessorFile(Path.of(spec.substring(0, eq)),
                Arrays.stream(spec.substring(eq + 1).split(",")).map(String::strip).toList());
    }

    private static Button browse(Window owner, TextField field, String pattern, boolean folder) {
        Button button = new Button("Browse...");
        button.setOnAction(e -> {
            File file;
            if (folder) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Name the new bundle folder");
                file = chooser.showSaveDialog(owner);
            } else {
                FileChooser chooser = new FileChooser();
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
                file = chooser.showOpenDialog(owner);
            }
            if (file != null) {
                field.setText(file.getPath());
            }
        });
        return button;
    }
}
