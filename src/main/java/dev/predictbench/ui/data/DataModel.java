package dev.predictbench.ui.data;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.data.CsvPages;
import dev.predictbench.schema.ColumnMapping;
import dev.predictbench.schema.ColumnReport;
import dev.predictbench.schema.FailureReportWriter;
import dev.predictbench.schema.FileValidator;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.schema.ValidationSummary;
import dev.predictbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;

/**
 * The data view's state: the open file (indexed for random access), its column
 * report, and its validation failures, found in the background. At most
 * {@link #MAX_KEPT} failures are kept for display; the counts are always complete
 * and the export writes every failure.
 */
public final class DataModel {

    public static final int MAX_KEPT = 200_000;

    /** What validating a file found. */
    public record Result(CsvPages pages, ColumnReport columns, ValidationSummary summary, List<ValidationFailure> kept,
                         Map<Long, List<ValidationFailure>> byRow) {
    }

    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ValidationFailure> failures = FXCollections.observableArrayList();
    private final FilteredList<ValidationFailure> shown = new FilteredList<>(failures);

    public DataModel(WorkbenchModel workbench) {
        this.workbench = workbench;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public FilteredList<ValidationFailure> shownFailures() {
        return shown;
    }

    /** Shows the failures matching the text (in check, column, value or message) and the group, if any. */
    public void filter(String text, String level, String check) {
        String needle = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        shown.setPredicate(f -> (level == null || f.level().label().equals(level))
                && (check == null || f.check().equals(check))
                && (needle.isEmpty() || (f.check() + " " + f.column() + " " + f.value() + " " + f.message())
                .toLowerCase(java.util.Locale.ROOT).contains(needle)));
    }

    /** Indexes and validates the file in the background, then shows it. */
    public Task<Result> open(Path file) {
        boolean same = file.equals(workbench.dataFileProperty().get());
        return open(file, same ? workbench.csvDialect() : CsvDialect.AUTO);
    }

    /** Opens the file read the given way (encoding, delimiter, decimal mark, missing markers). */
    public Task<Result> open(Path file, CsvDialect dialect) {
        Bundle bundle = workbench.bundle();
        Result before = result.get();
        ColumnMapping mapping = file.equals(workbench.dataFileProperty().get()) ? workbench.columnMapping()
                : ColumnMapping.NONE;
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() {
                updateMessage("Reading " + file.getFileName() + "...");
                long size = file.toFile().length();
                // A big file's first rows show while the rest is indexed.
                CsvPages pages = CsvPages.index(file, dialect, bytes -> updateProgress(bytes, Math.max(1, size) * 2),
                        this::isCancelled, first -> showEarly(this, new Result(first, bundle == null ? null
                                : ColumnReport.of(bundle.manifest().schema(), mapping.apply(first.header())), null,
                                List.of(), Map.of())));
                if (bundle == null) {
                    updateMessage(String.format("%s: %,d rows. Open a bundle to validate them.", file.getFileName(),
                            pages.rows()));
                    return new Result(pages, null, null, List.of(), Map.of());
                }
                ColumnReport columns = ColumnReport.of(bundle.manifest().schema(), mapping.apply(pages.header()));
                if (!columns.usable()) {
                    updateMessage(file.getFileName() + " lacks " + columns.missing().size() + " of the model's columns.");
                    return new Result(pages, columns, null, List.of(), Map.of());
                }
                // The rows show as soon as the file is indexed; the failures follow when validation ends.
                showEarly(this, new Result(pages, columns, null, List.of(), Map.of()));
                List<ValidationFailure> kept = new ArrayList<>();
                Map<Long, List<ValidationFailure>> byRow = new HashMap<>();
                updateMessage("Validating " + file.getFileName() + "...");
                ValidationSummary summary = FileValidator.run(bundle.manifest().schema(), file, mapping, dialect,
                        failure -> {
                    if (kept.size() < MAX_KEPT) {
                        kept.add(failure);
                        byRow.computeIfAbsent(failure.row(), r -> new ArrayList<>(2)).add(failure);
                    }
                }, (rows, invalid, fraction) -> updateProgress(1 + fraction, 2), this::isCancelled);
                updateMessage(String.format("%s: %,d rows, %,d valid, %,d invalid.", file.getFileName(),
                        summary.rows(), summary.valid(), summary.invalid()));
                return new Result(pages, columns, summary, kept, byRow);
            }
        };
        // A cancelled or failed open leaves the previous file on show, not its half-read successor.
        task.setOnCancelled(e -> result.set(before));
        task.setOnFailed(e -> result.set(before));
        task.setOnSucceeded(e -> {
            workbench.openData(file);
            workbench.setColumnMapping(mapping);
            workbench.setCsvDialect(dialect);
            result.set(task.getValue());
            failures.setAll(task.getValue().kept());
        });
        return workbench.run(task);
    }

    /** Shows a partial result while the task goes on (unless it ended meanwhile). */
    private void showEarly(Task<?> task, Result partial) {
        Platform.runLater(() -> {
            if (task.isRunning()) {
                result.set(partial);
            }
        });
    }

    /** Re-validates the open file with columns matched to features by hand. */
    public Task<Result> remap(ColumnMapping mapping) {
        workbench.setColumnMapping(mapping);
        return open(result.get().pages().file());
    }

    /** Writes every failure of the open file (not only the kept ones) as CSV. */
    public Task<Long> exportFailures(Path target) {
        Bundle bundle = workbench.bundle();
        Path file = result.get().pages().file();
        Task<Long> task = new Task<>() {
            @Override
            protected Long call() {
                updateMessage("Exporting failures to " + target.getFileName() + "...");
                long[] written = new long[1];
                try (FailureReportWriter writer = new FailureReportWriter(target)) {
                    FileValidator.run(bundle.manifest().schema(), file, workbench.columnMapping(),
                            workbench.csvDialect(), f -> {
                        writer.write(f);
                        written[0]++;
                    }, (rows, invalid, fraction) -> updateProgress(fraction, 1), this::isCancelled);
                    writer.commit();
                }
                updateMessage(String.format("Exported %,d failures to %s.", written[0], target));
                return written[0];
            }
        };
        return workbench.run(task);
    }

    /** Failures grouped by level, then check, with counts: the failures panel's tree. */
    public Map<String, Map<String, Long>> groups() {
        Map<String, Map<String, Long>> groups = new java.util.LinkedHashMap<>();
        Result r = result.get();
        if (r == null || r.summary() == null) {
            return groups;
        }
        Map<String, String> levelOfCheck = new HashMap<>();
        r.kept().forEach(f -> levelOfCheck.putIfAbsent(f.check(), f.level().label()));
        for (var level : dev.predictbench.schema.ValidationLevel.values()) {
            groups.put(level.label(), new java.util.TreeMap<>());
        }
        r.summary().byCheck().forEach((check, n) -> groups.get(levelOfCheck.getOrDefault(check, "structure"))
                .put(check, n));
        return groups;
    }

}
