package dev.predictbench.schema;

import java.util.ArrayList;
import java.util.List;

/** How a file's header lines up with the bundle's features: found, missing, and extra columns. */
public record ColumnReport(List<String> found, List<String> missing, List<String> extra) {

    public static ColumnReport of(Schema schema, List<String> header) {
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Feature f : schema.features()) {
            (header.contains(f.name()) ? found : missing).add(f.name());
        }
        List<String> extra = header.stream()
                .filter(c -> schema.features().stream().noneMatch(f -> f.name().equals(c))).toList();
        return new ColumnReport(List.copyOf(found), List.copyOf(missing), List.copyOf(extra));
    }

    public boolean usable() {
        return missing.isEmpty();
    }
}
