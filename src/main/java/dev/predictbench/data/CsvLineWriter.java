package dev.predictbench.data;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes RFC 4180 CSV rows: a cell is quoted only when it holds a comma, a quote
 * or a line break, and quotes inside are doubled. Written by hand because the
 * scored file's writer is the pipeline's hottest stage and a general-purpose
 * printer spends most of its time on options this format never uses
 * (docs/decisions/0006). Reading stays with Commons CSV.
 */
public final class CsvLineWriter {

    private final Writer out;
    private boolean firstInRow = true;

    public CsvLineWriter(Writer out) {
        this.out = out;
    }

    public void cell(String value) throws IOException {
        if (!firstInRow) {
            out.write(',');
        }
        firstInRow = false;
        if (needsQuotes(value)) {
            out.write('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.write('"');
                }
                out.write(c);
            }
            out.write('"');
        } else {
            out.write(value);
        }
    }

    public void cells(Iterable<String> values) throws IOException {
        for (String value : values) {
            cell(value);
        }
    }

    public void endRow() throws IOException {
        out.write('\n');
        firstInRow = true;
    }

    public void flush() throws IOException {
        out.flush();
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
