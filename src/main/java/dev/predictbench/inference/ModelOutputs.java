package dev.predictbench.inference;

/** A batch of model outputs, row-major: {@code values[row * perRow + k]}. */
public record ModelOutputs(float[] values, int rows, int perRow) {

    /** The shape must describe the values exactly: a row read at another row's offset is a wrong result. */
    public ModelOutputs {
        if (rows < 0 || perRow < 0 || (long) rows * perRow != values.length) {
            throw new IllegalArgumentException(values.length + " output values do not make [" + rows + ", "
                    + perRow + "]");
        }
    }

    public float get(int row, int k) {
        return values[row * perRow + k];
    }
}
