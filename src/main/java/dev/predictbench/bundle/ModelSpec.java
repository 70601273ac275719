package dev.predictbench.bundle;

import dev.predictbench.inference.ModelInput;
import java.util.List;

/**
 * The manifest's {@code model} section; {@code sha256} is null when not given; {@code inputs} is
 * empty for the usual model that takes one float tensor [N, W].
 */
public record ModelSpec(String file, String sha256, ModelOutput output, Quantization quantization,
                        List<ModelInput> inputs) {

    public ModelSpec {
        inputs = List.copyOf(inputs);
    }
}
