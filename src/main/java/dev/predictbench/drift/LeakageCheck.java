package dev.predictbench.drift;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.schema.Feature;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds rows of a labelled validation file that also appear in the bundle's reference
 * sample (training inputs): metrics measured on rows the model was trained on look
 * better than they are. Rows are compared on the feature columns, numbers by value.
 */
public final class LeakageCheck {

    /** How many validation rows also appear in the reference sample. */
    public record Result(long validationRows, long leakedRows) {
        public Optional<String> warning(Path validation) {
            if (leakedRows == 0) {
                return Optional.empty();
            }
            return Optional.of(String.format("%,d of %,d rows of %s also appear in the bundle's reference sample "
                    + "(training data): metrics on them are optimistic. Calibrate and evaluate on rows the model "
                    + "never saw.", leakedRows, validationRows, validation.getFileName()));
        }
    }

    private LeakageCheck() {
    }

    public static Optional<Result> run(Bundle bundle, Path validation) {
        Optional<Path> reference = bundle.referenceFile();
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        List<Feature> features = bundle.manifest().features();
        Set<String> seen = new HashSet<>();
        try (CsvSource source = CsvSource.open(reference.get())) {
            int[] columns = columns(features, source.header());
            if (columns == null) {
                return Optional.empty();
            }
            while (source.hasNext()) {
                seen.add(key(features, columns, source.next()));
            }
        }
        long rows = 0;
        long leaked = 0;
        try (CsvSource source = CsvSource.open(validation)) {
            int[] columns = columns(features, source.header());
            if (columns == null) {
                return Optional.empty();
            }
            while (source.hasNext()) {
                rows++;
                leaked += seen.contains(key(features, columns, source.next())) ? 1 : 0;
            }
        }
        return Optional.of(new Result(rows, leaked));
    }

    private static int[] columns(List<Feature> features, List<String> header) {
        int[] columns = features.stream().mapToInt(f -> header.indexOf(f.name())).toArray();
        return java.util.Arrays.stream(columns).anyMatch(c -> c < 0) ? null : columns;
    }

    private static String key(List<Feature> features, int[] columns, DataRow row) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            String cell = columns[i] < row.cells().length ? row.cells()[columns[i]].strip() : "";
            if (features.get(i).type().isNumeric()) {
                double number = DriftAnalysis.number(cell);
                // Not a number: compared as text (a missing marker, or the row is invalid anyway).
                cell = Double.isNaN(number) ? cell : Double.toString(number);
            }
            key.append(cell).append('\u0001');
        }
        return key.toString();
    }
}
