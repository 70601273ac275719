package dev.predictbench.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows RFC 4180 quoting as the text streams past, to catch the one malformation a
 * lenient parser swallows: a quoted field never closed, which would turn the rest of the
 * file into one cell. At the end of the text it throws, naming the line the quote opened.
 */
final class QuoteTracker extends FilterReader {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final char delimiter;
    private int state = FIELD_START;
    private long line = 1;
    private long openedOnLine;

    QuoteTracker(Reader in, char delimiter) {
        super(in);
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            if (state == QUOTED) {
                throw new IOException("a quoted cell opened on line " + openedOnLine
                        + " is never closed: the file ends inside it");
            }
            return n;
        }
        int s = state;
        for (int i = offset, end = offset + n; i < end; i++) {
            char c = buffer[i];
            if (c == '\n') {
                line++;
            }
            switch (s) {
                case QUOTED -> s = c == '"' ? QUOTE_IN_QUOTED : QUOTED;
                case QUOTE_IN_QUOTED -> s = c == '"' ? QUOTED : c == delimiter || c == '\n' || c == '\r'
                        ? FIELD_START : UNQUOTED;
                case FIELD_START -> {
                    if (c == '"') {
                        s = QUOTED;
                        openedOnLine = line;
                    } else if (c != delimiter && c != '\n' && c != '\r') {
                        s = UNQUOTED;
                    }
                }
                default -> s = c == delimiter || c == '\n' || c == '\r' ? FIELD_START : UNQUOTED;
            }
        }
        state = s;
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }
}
