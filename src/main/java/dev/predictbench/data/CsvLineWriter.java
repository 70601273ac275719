package dev.predictbench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes RFC 4180 CSV rows in UTF-8: a cell is quoted only when it holds a comma, a
 * quote or a line break, and quotes inside are doubled. Written by hand because the
 * scored file's writer is the pipeline's hottest stage and a general-purpose
 * printer spends most of its time on options this format never uses
 * (docs/decisions/0006).
 */
public final class CsvLineWriter {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private boolean firstInRow = true;
    private final boolean guardFormulas;

    /** Writes UTF-8 to {@code out}, buffered here. */
    public CsvLineWriter(OutputStream out) {
        this(out, false);
    }

    /**
     * @param guardFormulas defuse every text cell a spreadsheet would run as a formula
     *     ({@link FormulaGuard}): header, input cells, class labels, messages; numbers written by
     *     {@link #plainCell} are never touched
     */
    public CsvLineWriter(OutputStream out, boolean guardFormulas) {
        this.out = out;
        this.guardFormulas = guardFormulas;
    }

    public void cell(String value) throws IOException {
        if (guardFormulas) {
            value = FormulaGuard.guard(value);
        }
        if (!firstInRow) {
            put((byte) ',');
        }
        firstInRow = false;
        if (needsQuotes(value)) {
            put((byte) '"');
            text(value.replace("\"", "\"\""));
            put((byte) '"');
        } else {
            text(value);
        }
    }

    /**
     * A cell whose text never needs quoting (a number written by the application, a status word):
     * the same bytes as {@link #cell} writes, without looking for characters that force quotes.
     */
    public void plainCell(String value) throws IOException {
        if (!firstInRow) {
            put((byte) ',');
        }
        firstInRow = false;
        text(value);
    }

    /**
     * Cells given as the bytes of an RFC 4180 record that needs no quoting (the original bytes of
     * a plain input row): copied as they are, which is what {@link #cell} would write for each.
     */
    public void rawCells(byte[] record) throws IOException {
        if (!firstInRow) {
            put((byte) ',');
        }
        firstInRow = false;
        bytes(record, 0, record.length);
    }

    public void cells(Iterable<String> values) throws IOException {
        for (String value : values) {
            cell(value);
        }
    }

    public void endRow() throws IOException {
        put((byte) '\n');
        firstInRow = true;
    }

    public void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
        out.flush();
    }

    private void text(String value) throws IOException {
        int n = value.length();
        if (buffer.length - length < n) {
            drain();
        }
        if (n > buffer.length) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: encode the cell properly (what was written of it so far is taken back).
                length -= i;
                bytes(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    private void bytes(byte[] b) throws IOException {
        bytes(b, 0, b.length);
    }

    private void bytes(byte[] b, int from, int count) throws IOException {
        if (buffer.length - length < count) {
            drain();
            if (count > buffer.length) {
                out.write(b, from, count);
                return;
            }
        }
        System.arraycopy(b, from, buffer, length, count);
        length += count;
    }

    private void put(byte b) throws IOException {
        if (length == buffer.length) {
            drain();
        }
        buffer[length++] = b;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    /** The characters that force quoting, as a table: one lookup per character on the hottest loop. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        SPECIAL[','] = true;
        SPECIAL['"'] = true;
        SPECIAL['\n'] = true;
        SPECIAL['\r'] = true;
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 128 && SPECIAL[c]) {
                return true;
            }
        }
        return false;
    }
}
