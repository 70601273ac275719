package dev.predictbench.preprocess;

import dev.predictbench.schema.ParsedRow;

/** A preprocessing step bound to feature positions, applied once per row on the hot path. */
@FunctionalInterface
public interface CompiledStep {

    /** Writes this step's block of floats into {@code out} starting at {@code offset}. */
    void apply(ParsedRow row, float[] out, int offset);
}
