package dev.predictbench.scoring;

import dev.predictbench.bundle.TaskSpec;
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
        cells.add(row.prediction() == null ? "" : row.prediction());
        for (int k = 0; k < classes.size(); k++) {
            cells.add(row.valid() ? formatProbability(row.probabilities()[k]) : "");
        }
        cells.add(row.valid() ? "ok" : "invalid");
        cells.add(row.errors());
        return cells;
    }

    /** Shortest text that reads back as the same float32. */
    public static String formatProbability(double p) {
        return Float.toString((float) p);
    }
}
