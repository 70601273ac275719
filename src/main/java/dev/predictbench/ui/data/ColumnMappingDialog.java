package dev.predictbench.ui.data;

import dev.predictbench.schema.ColumnMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Lets the user say which file column holds each feature the header lacks. */
public final class ColumnMappingDialog {

    private static final String NONE = "(not in this file)";

    private ColumnMappingDialog() {
    }

    public static Optional<ColumnMapping> show(Window owner, List<String> missing, List<String> fileColumns,
                                               ColumnMapping current) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        Map<String, ChoiceBox<String>> choices = new LinkedHashMap<>();
        int row = 0;
        grid.addRow(row++, new Label("Model feature"), new Label("File column"));
        for (String feature : missing) {
            ChoiceBox<String> choice = new ChoiceBox<>();
            choice.setId("map-" + feature);
            choice.getItems().add(NONE);
            choice.getItems().addAll(fileColumns);
            choice.setValue(current.featureToColumn().getOrDefault(feature, NONE));
            choices.put(feature, choice);
            grid.addRow(row++, new Label(feature), choice);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Match columns");
        dialog.setHeaderText("The file names these columns differently. Which file column holds each feature?");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.showAndWait().filter(ButtonType.OK::equals).map(b -> {
            Map<String, String> mapping = new LinkedHashMap<>(current.featureToColumn());
            choices.forEach((feature, choice) -> {
                if (!NONE.equals(choice.getValue())) {
                    mapping.put(feature, choice.getValue());
                }
            });
            return new ColumnMapping(mapping);
        });
    }
}
