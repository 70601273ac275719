package dev.predictbench.scoring;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.predictbench.bundle.TaskSpec;
import dev.predictbench.data.CsvLineWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns scoring adds after the input columns (docs/cli.md, score): prediction,
 * p_&lt;class&gt; per class; with MC passes p_&lt;class&gt;_std, entropy and mutual_info
 * (regression: prediction_std); then status and errors.
 */
public final class OutputLayout {

    private final List<String> classes;
    private final List<Column> columns = new ArrayList<>();

    /** An output column: its name, its text for a row, and whether that text never needs quoting (numbers, status). */
    private record Column(String name, Function<ScoredRow, String> text, boolean plain) {
    }

    private OutputLayout(TaskSpec task, boolean monteCarlo) {
        this.classes = task.classes();
        add("prediction", r -> r.prediction() == null ? "" : r.prediction(), false);
        for (int k = 0; k < classes.size(); k++) {
            int c = k;
            add("p_" + classes.get(k), r -> r.valid() ? number(r.probabilities()[c]) : "", true);
        }
        if (monteCarlo && task.isClassification()) {
            for (int k = 0; k < classes.size(); k++) {
                int c = k;
                add("p_" + classes.get(k) + "_std", r -> r.uncertainty() == null ? "" : number(r.uncertainty().std()[c]),
                        true);
            }
            add("entropy", r -> r.uncertainty() == null ? "" : number(r.uncertainty().entropy()), true);
            add("mutual_info", r -> r.uncertainty() == null ? "" : number(r.uncertainty().mutualInformation()),
                    true);
        } else if (monteCarlo) {
            add("prediction_std", r -> r.uncertainty() == null ? "" : number(r.uncertainty().std()[0]), true);
        }
        add("status", r -> r.valid() ? "ok" : "invalid", true);
        add("errors", ScoredRow::errors, false);
    }

    public static OutputLayout of(TaskSpec task, boolean monteCarlo) {
        return new OutputLayout(task, monteCarlo);
    }

    private void add(String name, Function<ScoredRow, String> text, boolean plain) {
        columns.add(new Column(name, text, plain));
    }

    public List<String> classes() {
        return classes;
    }

    public List<String> columns() {
        return columns.stream().map(Column::name).toList();
    }

    /** Output cell {@code i} of a row, in {@link #columns()} order. */
    public String cell(ScoredRow row, int i) {
        return columns.get(i).text().apply(row);
    }

    /** Writes the output cells of a row straight to the CSV, without building a list. */
    public void writeCells(ScoredRow row, CsvLineWriter csv) throws IOException {
        for (Column column : columns) {
            String text = column.text().apply(row);
            if (column.plain()) {
                csv.plainCell(text);
            } else {
                csv.cell(text);
            }
        }
    }

    /**
     * Shortest text that reads back as the same float32, written as Float.toString writes it.
     * Jackson's Schubfach writer rather than JDK 17's Float.toString, whose digit loop costs
     * seconds of JIT compilation on every run and is several times slower per number.
     */
    public static String number(double value) {
        return NumberOutput.toString((float) value, true);
    }
}
