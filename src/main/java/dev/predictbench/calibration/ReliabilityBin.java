package dev.predictbench.calibration;

/**
 * One bin of a reliability diagram: the samples whose confidence lies in (lower, upper].
 *
 * @param confidence mean confidence in the bin (NaN when empty)
 * @param accuracy share of correct predictions in the bin (NaN when empty)
 */
public record ReliabilityBin(double lower, double upper, long count, double confidence, double accuracy) {

    public double gap() {
        return count == 0 ? 0 : Math.abs(accuracy - confidence);
    }
}
