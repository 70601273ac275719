package dev.predictbench.schema;

/**
 * The typed cells of one row, indexed like the bundle's feature list: numeric
 * features (number, integer, boolean) in {@code numbers}, categories and text in
 * {@code texts}. Arrays are reused from row to row by the reader that fills them.
 */
public record ParsedRow(double[] numbers, String[] texts) {

    public static ParsedRow forFeatures(int featureCount) {
        return new ParsedRow(new double[featureCount], new String[featureCount]);
    }
}
