package dev.predictbench.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Read-only text columns, the kind every table in the workbench is made of. */
public final class Tables {

    private Tables() {
    }

    public static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        if (width > 0) {
            column.setPrefWidth(width);
        }
        return column;
    }

    /** Width of a row-number column for rows not counted yet (still being scored): eight digits. */
    public static double rowNumberWidth() {
        return rowNumberWidth(0);
    }

    /**
     * Width of a row-number column whose largest number is {@code largestRow}, at least eight
     * digits: a million-row file's numbers must show whole, not as "39999...". About 8.5 px a digit
     * in the workbench's font plus the cell's padding (WorkbenchWindowTest measures it).
     */
    public static double rowNumberWidth(long largestRow) {
        int digits = Math.max(8, Long.toString(Math.max(0, largestRow)).length());
        return 24 + 8.5 * digits;
    }
}
