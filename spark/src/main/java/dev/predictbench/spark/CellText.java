package dev.predictbench.spark;

import java.math.BigDecimal;

/** A typed Parquet value as the text a CSV cell would hold for it, for validation. */
final class CellText {

    private CellText() {
    }

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        // Double.toString and Float.toString give the shortest text that reads back as the same value.
        return value.toString();
    }
}
