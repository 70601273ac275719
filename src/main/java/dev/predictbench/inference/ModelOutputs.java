package dev.predictbench.inference;

/** A batch of model outputs, row-major: {@code values[row * perRow + k]}. */
public record ModelOutputs(float[] values, int rows, int perRow) {

    public float get(int row, int k) {
        return values[row * perRow + k];
    }
}
