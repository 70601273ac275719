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

    private Preprocessor(CompiledStep[] steps, int[] offsets, int width) {
        this.steps = steps;
        this.offsets = offsets;
        this.width = width;
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
        }
        return new Preprocessor(compiled, offsets, width);
    }

    /** The model input width W this preprocessing produces. */
    public int width() {
        return width;
    }

    /** Writes the row's W floats into {@code out} at {@code offset} (a slot in a batch buffer). */
    public void transform(ParsedRow row, float[] out, int offset) {
        for (int i = 0; i < steps.length; i++) {
            steps[i].apply(row, out, offset + offsets[i]);
        }
    }
}
