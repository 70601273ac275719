package dev.predictbench.ui.predictions;

import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.ui.Tables;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The results table: output columns first (what the analyst came for), then the input columns. */
public final class PredictionsView extends TableView<ScoredRow> {

    public PredictionsView(PredictionsModel model) {
        super(model.rows());
        setId("results");
        setPlaceholder(new Label("Open a bundle and a CSV file, then Score (Ctrl+R)."));
        getStyleClass().add("results-table");
        model.layoutProperty().addListener((obs, old, layout) -> rebuildColumns(model.inputColumnsProperty().get(),
                layout));
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ScoredRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean invalid = !empty && row != null && !row.valid();
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), invalid);
                setTooltip(invalid ? new Tooltip(describe(row)) : null);
            }
        });
    }

    private void rebuildColumns(List<String> inputColumns, OutputLayout layout) {
        getColumns().clear();
        if (layout == null) {
            return;
        }
        TableColumn<ScoredRow, String> rowColumn = column("row", r -> Long.toString(r.row()));
        rowColumn.setPrefWidth(Tables.rowNumberWidth());
        getColumns().add(rowColumn);
        List<String> outputs = layout.columns();
        for (int i = 0; i < outputs.size(); i++) {
            int index = i;
            boolean number = outputs.get(i).startsWith("p_") || outputs.get(i).equals("entropy")
                    || outputs.get(i).equals("mutual_info");
            getColumns().add(column(outputs.get(i), r -> number ? readable(layout.cell(r, index))
                    : layout.cell(r, index)));
        }
        for (int i = 0; i < inputColumns.size(); i++) {
            int index = i;
            getColumns().add(column(inputColumns.get(i), r -> index < r.cells().length ? r.cells()[index] : ""));
        }
    }

    private static TableColumn<ScoredRow, String> column(String name, java.util.function.Function<ScoredRow, String> value) {
        TableColumn<ScoredRow, String> column = new TableColumn<>(name);
        column.setId("col-" + name);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** Four decimals for the eye; the exported file keeps every digit. */
    private static String readable(String cell) {
        return cell.isEmpty() ? cell : String.format("%.4f", Double.parseDouble(cell));
    }

    private static String describe(ScoredRow row) {
        StringBuilder text = new StringBuilder("Row " + row.row() + " is invalid:");
        row.failures().forEach(f -> text.append("\n- ").append(f.column().isEmpty() ? "" : f.column() + ": ")
                .append(f.message()));
        return text.toString();
    }
}
