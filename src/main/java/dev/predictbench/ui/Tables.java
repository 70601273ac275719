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
}
