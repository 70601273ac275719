package dev.predictbench.bundle;

/** The manifest's {@code model} section; {@code sha256} is null when not given. */
public record ModelSpec(String file, String sha256, ModelOutput output, Quantization quantization) {
}
