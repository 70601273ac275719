package dev.predictbench.data;

/**
 * One data row of a CSV file as text; {@code row} is 1-based, the header not counted.
 * {@code raw} is the row's original bytes when they are exactly what the scored file writes
 * for its cells (a plain UTF-8 record), so the writer can copy them; else null.
 */
public record DataRow(long row, String[] cells, byte[] raw) {

    public DataRow(long row, String[] cells) {
        this(row, cells, null);
    }
}
