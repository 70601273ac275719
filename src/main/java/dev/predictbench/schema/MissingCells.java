package dev.predictbench.schema;

import java.util.Set;

/**
 * The cells that mean "no value": empty, and the markers pandas' read_csv turns into NaN
 * by default. Training pipelines read their files with pandas, so an imputer saw these
 * cells as missing; PredictBench reads them the same way.
 */
public final class MissingCells {

    /** pandas' default na_values (pandas 1.5 and 2.x), plus the empty cell. */
    public static final Set<String> MARKERS = dev.predictbench.data.CsvDialect.PANDAS_MISSING;

    private MissingCells() {
    }

    /** Whether the (stripped) cell is one of the markers. */
    public static boolean isMarker(String cell) {
        return MARKERS.contains(cell.strip());
    }
}
