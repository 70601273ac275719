package dev.predictbench.inference;

import dev.predictbench.InputException;
import java.util.Arrays;

/**
 * A forward whose output does not have one row per input row (or whose parts, when a batch
 * is run in pieces, differ in width). Callers that know the batch add where it happened.
 */
public final class OutputShapeException extends InputException {

    private final long[] shape;
    private final long expectedRows;

    OutputShapeException(long[] shape, long expectedRows, String message) {
        super(message);
        this.shape = shape.clone();
        this.expectedRows = expectedRows;
    }

    /** The shape the model returned, as "[113, 1]". */
    public String shape() {
        return Arrays.toString(shape);
    }

    public long expectedRows() {
        return expectedRows;
    }
}
