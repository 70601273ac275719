package dev.predictbench.scoring;

import dev.predictbench.bundle.TaskSpec;
import dev.predictbench.data.CsvLineWriter;
import java.util.ArrayList;
import java.util.List;

/** The columns scoring adds after the input columns (docs: cli.md, score). */
public record OutputLayout(List<String> classes, List<String> columns) {

    public static OutputLayout of(TaskSpec task) {
        List<String> columns = new ArrayList<>();
        columns.add("prediction");
        for (String label : task.classes()) {
            columns.add("p_" + label);
        }
        columns.add("status");
        columns.add("errors");
        return new OutputLayout(task.classes(), List.copyOf(columns));
    }

    /** The output cells of a row, in {@link #columns()} order. */
    public List<String> cells(ScoredRow row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            cells.add(cell(row, i));
        }
        return cells;
    }

    /** Writes the output cells of a row straight to the CSV, without building a list. */
    public void writeCells(ScoredRow row, CsvLineWriter csv) throws java.io.IOException {
        for (int i = 0; i < columns.size(); i++) {
            csv.cell(cell(row, i));
        }
    }

    /** Output cell {@code i}: prediction, then one probability per class, then status and errors. */
    public String cell(ScoredRow row, int i) {
        if (i == 0) {
            return row.prediction() == null ? "" : row.prediction();
        }
        if (i <= classes.size()) {
            return row.valid() ? formatProbability(row.probabilities()[i - 1]) : "";
        }
        return i == classes.size() + 1 ? (row.valid() ? "ok" : "invalid") : row.errors();
    }

    /** Shortest text that reads back as the same float32. */
    public static String formatProbability(double p) {
        return Float.toString((float) p);
    }
}
