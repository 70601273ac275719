package dev.predictbench.bundle;

/**
 * How the model is quantized. {@code inputScale} and {@code inputZeroPoint} are set
 * when the model takes int8 input: then x is fed as clamp(round(x / s) + z, -128, 127).
 */
public record Quantization(String scheme, Double inputScale, Integer inputZeroPoint) {

    public static final Quantization NONE = new Quantization("none", null, null);

    public boolean quantizesInput() {
        return inputScale != null;
    }
}
