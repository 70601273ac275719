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

    /**
     * Width of a row-number column whose largest number is {@code largestRow}: a million-row file's
     * numbers must show whole, not as "39999...". At least room for 8 digits, where the count is not
     * known yet (rows that are still being scored).
     */
    public static double rowNumberWidth(long largestRow) {
        int digits = Math.max(8, Long.toString(Math.max(0, largestRow)).length());
        return 24 + 8.5 * digits;
    }
}
