package dev.predictbench.preprocess;

import dev.predictbench.schema.Feature;
import dev.predictbench.schema.ParsedRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a validated row into the model's input vector: the steps' blocks, concatenated in step order. */
public final class Preprocessor {

    private final CompiledStep[] steps;
    private final int[] offsets;
    private final int width;
    private final String[] sourceColumns;

    private Preprocessor(CompiledStep[] steps, int[] offsets, int width, String[] sourceColumns) {
        this.steps = steps;
        this.offsets = offsets;
        this.width = width;
        this.sourceColumns = sourceColumns;
    }

    /** Binds the steps to the feature list; the manifest reader has already checked every column exists. */
    public static Preprocessor compile(List<Feature> features, List<PreprocessStep> steps) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            index.put(features.get(i).name(), i);
        }
        CompiledStep[] compiled = new CompiledStep[steps.size()];
        int[] offsets = new int[steps.size()];
        int width = 0;
        java.util.List<String> sources = new java.util.ArrayList<>();
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = steps.get(i).compile(name -> {
                Integer position = index.get(name);
                if (position == null) {
                    throw new IllegalArgumentException("preprocessing reads '" + name + "', which is not a feature");
                }
                return position;
            });
            offsets[i] = width;
            width += steps.get(i).width();
            PreprocessStep step = steps.get(i);
            for (int j = 0; j < step.width(); j++) {
                // Per-column ops map output j to column j; the others read one column.
                sources.add(step.columns().size() == step.width() ? step.columns().get(j) : step.columns().get(0));
            }
        }
        return new Preprocessor(compiled, offsets, width, sources.toArray(String[]::new));
    }

    /** The model input width W this preprocessing produces. */
    public int width() {
        return width;
    }

    /** The feature that model input {@code index} is computed from, for messages. */
    public String sourceColumn(int index) {
        return sourceColumns[index];
    }

    /** Writes the row's W floats into {@code out} at {@code offset} (a slot in a batch buffer). */
    public void transform(ParsedRow row, float[] out, int offset) {
        for (int i = 0; i < steps.length; i++) {
            steps[i].apply(row, out, offset + offsets[i]);
        }
    }
}
