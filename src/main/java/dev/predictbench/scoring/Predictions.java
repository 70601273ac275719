package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.Manifest;
import dev.predictbench.bundle.ModelOutput;
import dev.predictbench.bundle.TaskSpec;
import dev.predictbench.calibration.TemperatureScaling;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.schema.ValidationLevel;
import dev.predictbench.uncertainty.Uncertainty;
import java.util.List;

/** Turns a row's raw model outputs into its prediction and calibrated probabilities. */
final class Predictions {

    private final TaskSpec task;
    private final ModelOutput output;
    private final int perRow;
    private final int positive;

    Predictions(Manifest manifest, int perRow) {
        this.task = manifest.task();
        this.output = manifest.model().output();
        this.perRow = perRow;
        this.positive = task.positiveClass() == null ? -1 : task.classes().indexOf(task.positiveClass());
    }

    int outputWidth() {
        return perRow;
    }

    /** Refuses a model whose output width does not fit the task, before any data is scored. */
    static void checkOutputWidth(Bundle bundle, int perRow) {
        TaskSpec task = bundle.manifest().task();
        int classes = task.classes().size();
        boolean fits = switch (task.type()) {
            case REGRESSION -> perRow == 1;
            case BINARY -> perRow == 1 || perRow == 2;
            case MULTICLASS -> perRow == classes;
        };
        if (!fits) {
            String expected = switch (task.type()) {
                case REGRESSION -> "[N] or [N, 1] for a regression task";
                case BINARY -> "[N, 1] or [N, 2] for a binary task";
                case MULTICLASS -> "[N, " + classes + "] for its " + classes + " classes";
            };
            throw new InputException(bundle.modelFile() + ": the model returns [N, " + perRow
                    + "] but the bundle declares " + task.type().manifestName()
                    + (task.isClassification() ? " with " + classes + " classes" : "") + "; expected " + expected);
        }
    }

    /** The check a row fails when its model output cannot be scored, as the errors column names it. */
    static final String OUTPUT_CHECK = "model:output";

    /**
     * A row scored from its outputs; an invalid row, with the reason, when an output is NaN or
     * infinite or gives probabilities that are not numbers (never a prediction from them).
     */
    ScoredRow scored(DataRow row, ModelOutputs outputs, int index, double temperature) {
        float[] values = outputs.values();
        String problem = nonFinite(values, index * perRow, (index + 1) * perRow);
        if (problem != null) {
            return invalid(row, values, index * perRow, problem);
        }
        if (!task.isClassification()) {
            float value = outputs.get(index, 0);
            return new ScoredRow(row, List.of(), OutputLayout.number(value), new double[0], null, new float[] {value});
        }
        double[] p = probabilities(values, index * perRow, temperature);
        if (!allFinite(p)) {
            return invalid(row, values, index * perRow, notProbabilities(values, index * perRow, ""));
        }
        float[] raw = java.util.Arrays.copyOfRange(values, index * perRow, (index + 1) * perRow);
        return new ScoredRow(row, List.of(), task.classes().get(argmax(p)), p, null, raw);
    }

    /** "model output is NaN" (or +infinity, -infinity) for the first such value in [from, to), else null. */
    static String nonFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                return "model output is " + (Float.isNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity");
            }
        }
        return null;
    }

    /** Only a probability output can get here: finite logits always give finite probabilities. */
    private String notProbabilities(float[] values, int offset, String where) {
        return "model output " + rawText(values, offset) + where + " gives probabilities that are not numbers"
                + (output == ModelOutput.PROBABILITIES ? " (the bundle declares probabilities, each in [0, 1])" : "");
    }

    private static boolean allFinite(double[] p) {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private ScoredRow invalid(DataRow row, float[] values, int offset, String message) {
        return ScoredRow.invalid(row, List.of(new ValidationFailure(row.row(), "model output", ValidationLevel.RANGE,
                OUTPUT_CHECK, rawText(values, offset), message)));
    }

    private String rawText(float[] values, int offset) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < perRow; k++) {
            text.append(k == 0 ? "" : ", ").append(values[offset + k]);
        }
        return text.append(']').toString();
    }

    /**
     * A row scored from MC dropout passes: {@code outputs} holds {@code passes} copies of
     * the batch's {@code rows} valid rows, pass-major.
     */
    ScoredRow scoredFromPasses(DataRow row, ModelOutputs outputs, int index, int rows, int passes,
                               double temperature) {
        for (int t = 0; t < passes; t++) {
            int at = (t * rows + index) * perRow;
            String problem = nonFinite(outputs.values(), at, at + perRow);
            if (problem != null) {
                return invalid(row, outputs.values(), at, problem + " in MC pass " + (t + 1));
            }
        }
        if (!task.isClassification()) {
            double[] values = new double[passes];
            for (int t = 0; t < passes; t++) {
                values[t] = outputs.get(t * rows + index, 0);
            }
            double[] mean = new double[1];
            Uncertainty uncertainty = Uncertainty.ofValues(values, mean);
            return new ScoredRow(row, List.of(), OutputLayout.number(mean[0]), new double[0], uncertainty,
                    new float[0]);
        }
        int k = task.classes().size();
        double[] perPass = new double[passes * k];
        for (int t = 0; t < passes; t++) {
            double[] p = probabilities(outputs.values(), (t * rows + index) * perRow, temperature);
            if (!allFinite(p)) {
                return invalid(row, outputs.values(), (t * rows + index) * perRow,
                        notProbabilities(outputs.values(), (t * rows + index) * perRow, " in MC pass " + (t + 1)));
            }
            System.arraycopy(p, 0, perPass, t * k, k);
        }
        double[] mean = new double[k];
        Uncertainty uncertainty = Uncertainty.ofClassProbabilities(perPass, passes, k, mean);
        return new ScoredRow(row, List.of(), task.classes().get(argmax(mean)), mean, uncertainty, new float[0]);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private double[] probabilities(float[] values, int offset, double temperature) {
        int classes = task.classes().size();
        double[] p = new double[classes];
        if (perRow == 1) {
            double z = output == ModelOutput.PROBABILITIES ? TemperatureScaling.logit(values[offset]) : values[offset];
            // sigmoid(-z) rather than 1 - sigmoid(z): keeps tiny probabilities from rounding to 0.
            p[positive] = TemperatureScaling.sigmoid(z, temperature);
            p[1 - positive] = TemperatureScaling.sigmoid(-z, temperature);
            return p;
        }
        if (output == ModelOutput.PROBABILITIES) {
            float[] logs = new float[classes];
            for (int k = 0; k < classes; k++) {
                logs[k] = (float) Math.log(values[offset + k]);
            }
            TemperatureScaling.softmax(logs, 0, classes, temperature, p);
        } else {
            TemperatureScaling.softmax(values, offset, classes, temperature, p);
        }
        return p;
    }
}
