package dev.predictbench.scoring;

import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.inference.TorchModel;
import java.util.SplittableRandom;

/**
 * Finds out whether a model's dropout can be switched on for Monte-Carlo passes: two
 * stochastic passes over the same random rows must differ. They do not for a traced
 * model (tracing in eval mode bakes dropout out) or a model without dropout layers.
 */
final class DropoutProbe {

    static final String WHY = "two passes with dropout switched on gave identical outputs (a model exported with"
            + " torch.jit.trace has dropout baked out, and a model without Dropout layers has none).";

    private DropoutProbe() {
    }

    static boolean isActive(TorchModel model, int width) {
        int rows = BatchReader.rowsPerBatch(16, width);   // fewer for inputs of a million one-hot columns
        float[] input = new float[rows * width];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        // Category indices for int64 inputs stay 0, an index every embedding has.
        int start = 0;
        for (var in : model.inputs()) {
            for (int r = 0; in.int64() && r < rows; r++) {
                java.util.Arrays.fill(input, r * width + start, r * width + start + in.width(), 0f);
            }
            start += in.width();
        }
        ModelOutputs outputs = model.forwardStochastic(input, rows, width, 2, 1);
        int half = rows * outputs.perRow();
        for (int i = 0; i < half; i++) {
            // Compared as bits: a model that returns NaN would otherwise "differ" on every pass.
            if (Float.floatToIntBits(outputs.values()[i]) != Float.floatToIntBits(outputs.values()[half + i])) {
                return true;
            }
        }
        return false;
    }
}
