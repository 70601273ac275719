package dev.predictbench.scoring;

import dev.predictbench.data.DataRow;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.uncertainty.Uncertainty;
import java.util.List;

/**
 * One input row with what the model said about it.
 *
 * @param cells the input cells, unchanged
 * @param prediction the class label or the regression value as text; null for an invalid row
 * @param probabilities calibrated probabilities in the bundle's class order (the mean over
 *                      passes with MC dropout); empty for regression and for invalid rows
 * @param uncertainty the MC dropout summary, or null without MC passes or for an invalid row
 * @param outputs the model's raw outputs for this row (logits, probabilities or the value), before
 *                calibration; empty for invalid rows and with MC passes
 * @param raw the input row's original bytes when they equal its cells written as CSV, else null
 */
public record ScoredRow(long row, String[] cells, List<ValidationFailure> failures, String prediction,
                        double[] probabilities, Uncertainty uncertainty, float[] outputs, byte[] raw) {

    public ScoredRow(long row, String[] cells, List<ValidationFailure> failures, String prediction,
                     double[] probabilities, Uncertainty uncertainty, float[] outputs) {
        this(row, cells, failures, prediction, probabilities, uncertainty, outputs, null);
    }

    private static final float[] NONE = new float[0];

    public static ScoredRow invalid(long row, String[] cells, List<ValidationFailure> failures) {
        return new ScoredRow(row, cells, failures, null, new double[0], null, NONE);
    }

    public static ScoredRow invalid(DataRow row, List<ValidationFailure> failures) {
        return new ScoredRow(row.row(), row.cells(), failures, null, new double[0], null, NONE, row.raw());
    }

    public boolean valid() {
        return failures.isEmpty();
    }

    /** The failed checks, ';'-separated, as in the scored file's errors column. */
    public String errors() {
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
