package dev.predictbench.schema;

import java.util.List;

/**
 * One input column the model needs, as declared in the bundle's schema.
 *
 * @param min inclusive lower bound for numbers, or null
 * @param max inclusive upper bound for numbers, or null
 * @param values allowed categories (empty: any)
 * @param fill text used in place of an empty cell, or null (then empty is an error)
 */
public record Feature(String name, FeatureType type, Double min, Double max, List<String> values, String fill) {

    public Feature {
        values = List.copyOf(values);
    }

    public String describeRange() {
        if (min != null && max != null) {
            return "[" + format(min) + ", " + format(max) + "]";
        }
        if (min != null) {
            return ">= " + format(min);
        }
        if (max != null) {
            return "<= " + format(max);
        }
        return values.isEmpty() ? "" : String.join(", ", values);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
