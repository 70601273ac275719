package dev.predictbench.bundle;

import dev.predictbench.preprocess.BagOfWords;
import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.Standardize;
import java.util.Optional;

/**
 * Preprocessing constants that cannot compute, refused when the bundle is loaded instead of
 * turning every row invalid or a column into zeros at scoring time: a scale that is not a
 * positive normal double (5e-324 makes every value infinite), a mean, bound or weight that is
 * not finite, a min above its max, a min-max span that overflows or cannot be divided by.
 */
final class Constants {

    private Constants() {
    }

    /** A step's constants, whether the manifest gave them or a scikit-learn file did. */
    static Optional<String> of(PreprocessStep step) {
        if (step instanceof Standardize s) {
            return finite("mean", s.mean()).or(() -> scales(s.scale()).map(p -> "scale " + p));
        }
        if (step instanceof MinMax m) {
            return finite("min", m.min()).or(() -> finite("max", m.max()))
                    .or(() -> spans(m.min(), m.max(), m.rangeHigh() - m.rangeLow()));
        }
        if (step instanceof BagOfWords b && b.idf() != null) {
            return finite("idf", b.idf());
        }
        return Optional.empty();
    }

    /** Divisors: finite and at least {@link Double#MIN_NORMAL}, so x / scale stays finite for real x. */
    static Optional<String> scales(double[] scale) {
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] >= Double.MIN_NORMAL) || scale[i] == Double.POSITIVE_INFINITY) {
                return Optional.of("entry " + i + " is " + scale[i] + "; a scale must be a finite number > 0 and at"
                        + " least " + Double.MIN_NORMAL + " (subnormal scales overflow)");
            }
        }
        return Optional.empty();
    }

    static Optional<String> finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return Optional.of(name + " entry " + i + " is " + values[i] + "; expected a finite number");
            }
        }
        return Optional.empty();
    }

    /**
     * min-max bounds: min <= max (equal bounds are a constant column, which scikit-learn scales by 1),
     * and {@code width / (max - min)} finite.
     */
    static Optional<String> spans(double[] min, double[] max, double width) {
        for (int i = 0; i < Math.min(min.length, max.length); i++) {
            double span = max[i] - min[i];
            if (Double.isNaN(min[i]) || Double.isNaN(max[i])) {
                continue; // reported where the entry was read
            }
            if (min[i] > max[i]) {
                return Optional.of("entry " + i + ": min " + min[i] + " is greater than max " + max[i]);
            }
            if (!Double.isFinite(span)) {
                return Optional.of("entry " + i + ": max - min overflows (" + min[i] + " to " + max[i] + ")");
            }
            if (span > 0 && !(span >= Double.MIN_NORMAL && Double.isFinite(width / span))) {
                return Optional.of("entry " + i + ": max - min is " + span + ", too small to scale by");
            }
        }
        return Optional.empty();
    }
}
