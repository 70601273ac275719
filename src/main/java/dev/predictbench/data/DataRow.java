package dev.predictbench.data;

/** One data row of a CSV file as text; {@code row} is 1-based, the header not counted. */
public record DataRow(long row, String[] cells) {
}
