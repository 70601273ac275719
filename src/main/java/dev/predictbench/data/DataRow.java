package dev.predictbench.data;

import java.nio.charset.StandardCharsets;

/**
 * One data row of a CSV file; {@code row} is 1-based, the header not counted. {@code raw} is
 * the row's original bytes when they are exactly what the scored file writes for its cells
 * (a plain UTF-8 record), so the writer can copy them; else null.
 *
 * <p>A plain ASCII record is kept as its bytes and where its cells end: its cells become
 * Strings only when asked for, and a number can be read straight from the bytes
 * ({@link #number}), so scoring a file of numbers makes no String per cell.
 */
public final class DataRow {

    private final long row;
    private final byte[] raw;
    /** Where each cell of a lazy row ends in {@code raw} (the delimiter's position); null when cells are given. */
    private final int[] ends;
    private volatile String[] cells;

    public DataRow(long row, String[] cells) {
        this(row, cells, null);
    }

    public DataRow(long row, String[] cells, byte[] raw) {
        this.row = row;
        this.cells = cells;
        this.raw = raw;
        this.ends = null;
    }

    private DataRow(long row, byte[] raw, int[] ends) {
        this.row = row;
        this.raw = raw;
        this.ends = ends;
    }

    /** A plain record of ASCII bytes whose cells end at {@code ends}; its cells are made when needed. */
    static DataRow ascii(long row, byte[] raw, int[] ends) {
        return new DataRow(row, raw, ends);
    }

    public long row() {
        return row;
    }

    public byte[] raw() {
        return raw;
    }

    public int cellCount() {
        return cells != null ? cells.length : ends.length;
    }

    public String[] cells() {
        if (cells == null) {
            String[] made = new String[ends.length];
            for (int i = 0; i < made.length; i++) {
                made[i] = cell(i);
            }
            cells = made;
        }
        return cells;
    }

    public String cell(int i) {
        if (cells != null) {
            return cells[i];
        }
        int start = i == 0 ? 0 : ends[i - 1] + 1;
        return new String(raw, start, ends[i] - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Cell {@code i} read as a number straight from the row's bytes, as pandas reads numbers
     * ({@link PandasNumber}); NaN for anything else, or when this row keeps no bytes, so the caller
     * reads the cell as text by the full rules of {@link CsvDialect#parseNumber} (a decimal comma,
     * missing markers). Both give the correctly rounded double. (Reads the
     * final {@code ends}, not the cells cache: no volatile read per cell.)
     */
    public double number(int i) {
        if (ends == null) {
            return Double.NaN;
        }
        int start = i == 0 ? 0 : ends[i - 1] + 1;
        if (start == ends[i]) {
            return Double.NaN;
        }
        return PlainDecimal.parse(raw, start, ends[i]);
    }

    @Override
    public String toString() {
        return "DataRow[" + row + ", " + String.join(",", cells()) + "]";
    }
}
