package dev.predictbench.inference;

import java.nio.ByteBuffer;

/**
 * Feeds a model that takes quantized input: x becomes clamp(round(x / scale) + zeroPoint,
 * -128, 127) as int8, rounding half to even like torch.round.
 */
public record InputQuantizer(double scale, int zeroPoint) {

    /** Appends {@code count} quantized inputs, from index {@code from}, at the buffer's position. */
    void quantize(float[] input, int from, int count, ByteBuffer out) {
        // torch divides a float32 tensor by the scale cast to float32; do the same to round identically.
        float s = (float) scale;
        for (int i = from; i < from + count; i++) {
            double q = Math.rint(input[i] / s) + zeroPoint;
            out.put((byte) Math.max(-128, Math.min(127, q)));
        }
    }
}
