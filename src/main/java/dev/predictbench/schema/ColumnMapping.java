package dev.predictbench.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Columns the user matched to features by hand, for a file whose header names them
 * differently: feature name -> file column. Applied to the header before validation
 * binds features to columns; the file and the scored output keep their own names.
 */
public record ColumnMapping(Map<String, String> featureToColumn) {

    public static final ColumnMapping NONE = new ColumnMapping(Map.of());

    public ColumnMapping {
        featureToColumn = Map.copyOf(featureToColumn);
    }

    /** The header as validation sees it: each mapped file column renamed to its feature. */
    public List<String> apply(List<String> header) {
        if (featureToColumn.isEmpty()) {
            return header;
        }
        List<String> renamed = new ArrayList<>(header);
        featureToColumn.forEach((feature, column) -> {
            int at = renamed.indexOf(column);
            if (at >= 0 && !renamed.contains(feature)) {
                renamed.set(at, feature);
            }
        });
        return renamed;
    }
}
