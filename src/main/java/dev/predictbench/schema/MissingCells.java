package dev.predictbench.schema;

import java.util.Set;

/**
 * The cells that mean "no value": empty, and the markers pandas' read_csv turns into NaN
 * by default. Training pipelines read their files with pandas, so an imputer saw these
 * cells as missing; PredictBench reads them the same way.
 */
public final class MissingCells {

    /** pandas' default na_values (pandas 1.5 and 2.x), plus the empty cell. */
    public static final Set<String> MARKERS = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    private MissingCells() {
    }

    /** Whether the (stripped) cell is one of the markers. */
    public static boolean isMarker(String cell) {
        return MARKERS.contains(cell.strip());
    }
}
