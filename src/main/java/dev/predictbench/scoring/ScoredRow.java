package dev.predictbench.scoring;

import dev.predictbench.data.DataRow;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.uncertainty.Uncertainty;
import java.util.List;

/**
 * One input row with what the model said about it.
 *
 * @param input the input row, unchanged (its cells are made only if someone asks for them)
 * @param prediction the class label or the regression value as text; null for an invalid row
 * @param probabilities calibrated probabilities in the bundle's class order (the mean over
 *                      passes with MC dropout); empty for regression and for invalid rows
 * @param uncertainty the MC dropout summary, or null without MC passes or for an invalid row
 * @param outputs the model's raw outputs for this row (logits, probabilities or the value), before
 *                calibration; empty for invalid rows and with MC passes
 */
public record ScoredRow(DataRow input, List<ValidationFailure> failures, String prediction,
                        double[] probabilities, Uncertainty uncertainty, float[] outputs) {

    public ScoredRow(long row, String[] cells, List<ValidationFailure> failures, String prediction,
                     double[] probabilities, Uncertainty uncertainty, float[] outputs) {
        this(new DataRow(row, cells), failures, prediction, probabilities, uncertainty, outputs);
    }

    private static final float[] NONE = new float[0];

    public static ScoredRow invalid(long row, String[] cells, List<ValidationFailure> failures) {
        return invalid(new DataRow(row, cells), failures);
    }

    public static ScoredRow invalid(DataRow row, List<ValidationFailure> failures) {
        return new ScoredRow(row, failures, null, new double[0], null, NONE);
    }

    public long row() {
        return input.row();
    }

    /** The input cells, unchanged. */
    public String[] cells() {
        return input.cells();
    }

    /** The input row's original bytes when they equal its cells written as CSV, else null. */
    public byte[] raw() {
        return input.raw();
    }

    public boolean valid() {
        return failures.isEmpty();
    }

    /** The failed checks, ';'-separated, as in the scored file's errors column. */
    public String errors() {
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (ValidationFailure failure : failures) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(failure.check());
        }
        return text.toString();
    }
}
