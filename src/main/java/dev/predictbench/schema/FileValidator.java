package dev.predictbench.schema;

import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Validates a whole CSV file at the three levels, streaming: each failure goes to a
 * consumer as it is found, so memory stays flat however long the file is.
 */
public final class FileValidator {

    /** Rows validated so far and the share of the file read. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (rows, invalid, fraction) -> { };

        void onProgress(long rows, long invalid, double fraction);
    }

    private FileValidator() {
    }

    public static ValidationSummary run(Schema schema, Path file, Consumer<ValidationFailure> onFailure,
                                        Progress progress, BooleanSupplier cancelled) {
        return run(schema, file, ColumnMapping.NONE, onFailure, progress, cancelled);
    }

    /** Validates with file columns matched to features by hand. */
    public static ValidationSummary run(Schema schema, Path file, ColumnMapping mapping,
                                        Consumer<ValidationFailure> onFailure, Progress progress,
                                        BooleanSupplier cancelled) {
        return run(schema, file, mapping, dev.predictbench.data.CsvDialect.AUTO, onFailure, progress, cancelled);
    }

    /** Validates a file written the given way (encoding, delimiter, decimal mark, missing markers). */
    public static ValidationSummary run(Schema schema, Path file, ColumnMapping mapping,
                                        dev.predictbench.data.CsvDialect dialect,
                                        Consumer<ValidationFailure> onFailure, Progress progress,
                                        BooleanSupplier cancelled) {
        try (CsvSource source = CsvSource.open(file, dialect)) {
            RowValidator validator = RowValidator.bind(schema, mapping.apply(source.header()), file.toString(),
                    source.dialect());
            ParsedRow parsed = ParsedRow.forFeatures(schema.features().size());
            Map<ValidationLevel, Long> byLevel = new EnumMap<>(ValidationLevel.class);
            for (ValidationLevel level : ValidationLevel.values()) {
                byLevel.put(level, 0L);
            }
            Map<String, Long> byCheck = new TreeMap<>();
            List<ValidationFailure> failures = new ArrayList<>();
            EnumSet<ValidationLevel> levels = EnumSet.noneOf(ValidationLevel.class);
            long rows = 0;
            long invalid = 0;
            while (source.hasNext()) {
                if ((rows & 1023) == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("validation cancelled at row " + rows);
                    }
                    progress.onProgress(rows, invalid, fraction(source));
                }
                DataRow row = source.next();
                rows++;
                failures.clear();
                if (validator.validate(row, parsed, failures)) {
                    continue;
                }
                invalid++;
                levels.clear();
                for (ValidationFailure failure : failures) {
                    levels.add(failure.level());
                    byCheck.merge(failure.check(), 1L, Long::sum);
                    onFailure.accept(failure);
                }
                levels.forEach(level -> byLevel.merge(level, 1L, Long::sum));
            }
            progress.onProgress(rows, invalid, 1);
            return new ValidationSummary(rows, rows - invalid, invalid, byLevel, byCheck);
        }
    }

    private static double fraction(CsvSource source) {
        return source.totalBytes() == 0 ? 1 : Math.min(1, (double) source.bytesRead() / source.totalBytes());
    }
}
