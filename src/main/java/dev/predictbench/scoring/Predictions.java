package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.Manifest;
import dev.predictbench.bundle.ModelOutput;
import dev.predictbench.bundle.TaskSpec;
import dev.predictbench.calibration.TemperatureScaling;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.ModelOutputs;
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

    ScoredRow scored(DataRow row, ModelOutputs outputs, int index, double temperature) {
        if (!task.isClassification()) {
            float value = outputs.get(index, 0);
            return new ScoredRow(row.row(), row.cells(), List.of(), Float.toString(value), new double[0]);
        }
        double[] p = probabilities(outputs.values(), index * perRow, temperature);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new ScoredRow(row.row(), row.cells(), List.of(), task.classes().get(best), p);
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
