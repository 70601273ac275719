package dev.predictbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 4180 records straight from a file's bytes, for encodings in which the delimiter, the
 * quote and line breaks are single ASCII bytes (UTF-8, Latin-1, Windows-1252; UTF-16 is
 * transcoded to UTF-8 first). Reading bytes instead of decoded characters is what lets scoring
 * run near the speed of the disk: an ASCII cell becomes a String by a byte copy, other cells
 * are decoded strictly, and a plain record of a UTF-8 file keeps its original bytes, so the
 * scored file can copy them instead of re-encoding every cell (decision 10).
 *
 * <p>Blank lines are skipped; CR LF, LF and CR end records; a quoted cell that is never
 * closed, or text after a closing quote, is an error naming the line.
 */
final class ByteCsvReader implements AutoCloseable {

    /**
     * No row of a table is this long: past it the file is refused instead of filling the heap (an
     * unclosed quote makes the rest of a file one cell). Documented in docs/robustness.md.
     */
    static final int MAX_RECORD_BYTES = 16 << 20;
    /** Far above any real table (bundles of 50,000 features are read), below what fills the heap. */
    static final int MAX_COLUMNS = 200_000;

    private final InputStream in;
    private final byte delimiter;
    private final Charset charset;
    private final CharsetDecoder decoder;
    /** Whether a record's original bytes may stand for its cells (UTF-8 in, UTF-8 out, ',' both sides). */
    private final boolean keepsRaw;
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean eof;
    /** Where buffer[0] is in the file, for error positions. */
    private long consumed;
    private long line = 1;
    /** The line the current record starts on. */
    private long recordLine = 1;
    /** The current record's first byte; bytes from here on survive refills. */
    private int recordStart;
    /** The current record's cells: where each unquoted one starts and ends (from recordStart), or the quoted one's text. */
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private String[] quoted = new String[64];
    private int count;
    private byte[] scratch = new byte[256];
    private String[] record;
    private byte[] raw;
    private boolean lazy;

    /**
     * @param offset where {@code in} starts in the file, for error positions
     * @param charset the file's charset (ASCII-compatible)
     */
    ByteCsvReader(InputStream in, char delimiter, Charset charset, long offset) {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.keepsRaw = charset.equals(StandardCharsets.UTF_8) && delimiter == ',';
        this.consumed = offset;
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() throws IOException {
        recordStart = position;
        while (more() && (buffer[position] == '\n' || buffer[position] == '\r')) {
            line += buffer[position] == '\n' ? 1 : 0;
            recordStart = ++position;
        }
        if (!more()) {
            return false;
        }
        recordLine = line;
        count = 0;
        int flags = scanUnquotedRecord();
        if (flags == NOT_SCANNED) {
            flags = readCells();
        }
        boolean plain = keepsRaw && (flags & QUOTE) == 0;
        raw = plain ? Arrays.copyOfRange(buffer, recordStart, position) : null;
        // A plain ASCII record keeps its bytes and makes Strings only when asked; any other is decoded now.
        lazy = plain && flags >= 0;
        record = lazy ? null : decodeCells();
        if (more() && buffer[position] == '\r') {
            position++;
        }
        if (more() && buffer[position] == '\n') {
            position++;
            line++;
        }
        return true;
    }

    private static final int QUOTE = 1;

    /**
     * The record's cells by the general rules (quoted cells, refills, any length), from
     * {@code position}. Returns QUOTE if a cell was quoted or held a quote, negative if one held
     * a byte that is not ASCII.
     */
    private int readCells() throws IOException {
        int flags = 0;
        while (true) {
            if (count == ends.length || count == MAX_COLUMNS) {
                if (count >= MAX_COLUMNS) {
                    throw new IOException("line " + recordLine + " has more than " + String.format("%,d", MAX_COLUMNS)
                            + " cells, more than PredictBench reads in one row");
                }
                ends = Arrays.copyOf(ends, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                quoted = Arrays.copyOf(quoted, count * 2);
            }
            if (more() && buffer[position] == '"') {
                flags |= QUOTE;
                quoted[count] = readQuoted();
            } else {
                // Offsets from the record's start: a refill moves the record, not them.
                quoted[count] = null;
                starts[count] = position - recordStart;
                flags |= scanPlain();
                ends[count] = position - recordStart;
            }
            count++;
            if (more() && buffer[position] == delimiter) {
                position++;
                continue;
            }
            return flags;
        }
    }

    private static final int NOT_SCANNED = 2;

    /**
     * The common record, fast: no quote anywhere and its line end in the buffer. Finds every
     * delimiter and the line end eight bytes at a time ({@link Swar#zeroBytes}) and leaves
     * {@code position} at the line end; returns 0, or negative if a byte is not ASCII. Anything else (a quote, a record that
     * runs past the buffer, very many cells) returns NOT_SCANNED with nothing moved, and
     * {@link #readCells} reads the record by the general rules.
     */
    private int scanUnquotedRecord() {
        byte[] bytes = buffer;
        int[] cellStarts = starts;
        int[] cellEnds = ends;
        long delimiters = Swar.broadcast(delimiter);
        int cells = 0;
        int cellStart = position;
        long nonAscii = 0;
        for (int p = position; p + Long.BYTES <= limit; p += Long.BYTES) {
            long word = Swar.word(bytes, p);
            long lineEnds = Swar.zeroBytes(word ^ LINE_FEEDS) | Swar.zeroBytes(word ^ CARRIAGE_RETURNS);
            long inRecord = lineEnds == 0 ? -1L : (lineEnds & -lineEnds) - 1;
            if ((Swar.zeroBytes(word ^ QUOTES) & inRecord) != 0) {
                return NOT_SCANNED;
            }
            nonAscii |= word & Swar.HIGH_BITS & inRecord;
            for (long found = Swar.zeroBytes(word ^ delimiters) & inRecord; found != 0; found &= found - 1) {
                if (cells == cellEnds.length - 1) {
                    return NOT_SCANNED;
                }
                int at = p + Swar.firstMarked(found);
                cellStarts[cells] = cellStart - recordStart;
                cellEnds[cells++] = at - recordStart;
                cellStart = at + 1;
            }
            if (lineEnds != 0) {
                int at = p + Swar.firstMarked(lineEnds);
                cellStarts[cells] = cellStart - recordStart;
                cellEnds[cells++] = at - recordStart;
                Arrays.fill(quoted, 0, cells, null);
                count = cells;
                position = at;
                return nonAscii != 0 ? Integer.MIN_VALUE : 0;
            }
        }
        return NOT_SCANNED;
    }

    /**
     * Moves {@code position} to the end of an unquoted cell (its delimiter or line end). Returns
     * QUOTE if the cell holds a quote, negative if it holds a byte that is not ASCII. The scan
     * is the innermost loop of reading a quoted file: it works on locals between refills and looks
     * at eight bytes at a time (SWAR: a byte equal to the one sought becomes zero after an XOR).
     */
    private int scanPlain() throws IOException {
        long stops = Swar.broadcast(delimiter);
        int flags = 0;
        while (true) {
            byte[] bytes = buffer;
            int p = position;
            int end = limit;
            for (; p + Long.BYTES <= end; p += Long.BYTES) {
                long word = Swar.word(bytes, p);
                long found = Swar.zeroBytes(word ^ stops) | Swar.zeroBytes(word ^ LINE_FEEDS)
                        | Swar.zeroBytes(word ^ CARRIAGE_RETURNS);
                // Only the bytes before the first stop belong to the cell.
                long cell = found == 0 ? -1L : (found & -found) - 1;
                flags |= (word & Swar.HIGH_BITS & cell) != 0 ? Integer.MIN_VALUE : 0;
                flags |= (Swar.zeroBytes(word ^ QUOTES) & cell) != 0 ? QUOTE : 0;
                if (found != 0) {
                    position = p + Swar.firstMarked(found);
                    return flags;
                }
            }
            for (; p < end; p++) {
                byte c = bytes[p];
                if (c == delimiter || c == '\n' || c == '\r') {
                    position = p;
                    return flags;
                }
                flags |= c < 0 ? Integer.MIN_VALUE : c == '"' ? QUOTE : 0;
            }
            position = p;
            if (!more()) {
                return flags;
            }
        }
    }

    private static final long LINE_FEEDS = Swar.broadcast((byte) '\n');
    private static final long CARRIAGE_RETURNS = Swar.broadcast((byte) '\r');
    private static final long QUOTES = Swar.broadcast((byte) '"');

    private String[] decodeCells() throws CharacterCodingException {
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
            cells[i] = quoted[i] != null ? quoted[i]
                    : decode(buffer, recordStart + starts[i], ends[i] - starts[i]);
        }
        return cells;
    }

    /** The record as a row: lazily made cells for a plain ASCII record, else its decoded cells. */
    DataRow row(long number) {
        return lazy ? DataRow.ascii(number, raw, Arrays.copyOf(ends, count)) : new DataRow(number, record, raw);
    }

    String[] record() {
        return lazy ? row(0).cells() : record;
    }

    /** The record's bytes (no line break) when they are exactly what the scored file writes for its cells; else null. */
    byte[] raw() {
        return raw;
    }

    /** The line the reader is on (1-based), for messages. */
    long line() {
        return line;
    }

    /** A cell from its opening quote to the closing one; "" inside stands for one quote. */
    private String readQuoted() throws IOException {
        long opened = line;
        position++;
        int length = 0;
        while (true) {
            if (!more()) {
                throw new IOException("a quoted cell opened on line " + opened + " is never closed: the file ends"
                        + " inside it");
            }
            byte b = buffer[position++];
            if (b == '"') {
                if (more() && buffer[position] == '"') {
                    position++;
                } else {
                    break;
                }
            } else if (b == '\n') {
                line++;
            }
            if (length == scratch.length) {
                scratch = Arrays.copyOf(scratch, length * 2);
            }
            scratch[length++] = b;
        }
        if (more() && buffer[position] != delimiter && buffer[position] != '\n' && buffer[position] != '\r') {
            throw new IOException("line " + line + ": text follows the closing quote of a cell; a quoted cell ends"
                    + " at its closing quote");
        }
        return decode(scratch, 0, length);
    }

    private String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return decodeStrictly(bytes, offset, length);
            }
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    private String decodeStrictly(byte[] bytes, int offset, int length) throws CharacterCodingException {
        ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer text = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(source, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            // For a cell read from the buffer the offset is exact; a quoted cell's is that of its end.
            long at = bytes == buffer ? consumed + source.position() : consumed + position;
            throw new Undecodable(at, line, charset);
        }
        return text.flip().toString();
    }

    /** True when a byte is available at {@code position}, reading more (and keeping the current record) if need be. */
    private boolean more() throws IOException {
        if (position < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int keep = limit - recordStart;
        if (recordStart > 0) {
            System.arraycopy(buffer, recordStart, buffer, 0, keep);
            consumed += recordStart;
            position -= recordStart;
            recordStart = 0;
        } else if (keep == buffer.length) {
            if (buffer.length >= MAX_RECORD_BYTES) {
                throw new IOException("the record at line " + recordLine + " is longer than " + (MAX_RECORD_BYTES >> 20)
                        + " MiB, far longer than a row of a table (a quote that is never closed makes the rest"
                        + " of a file one cell)");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        limit = keep;
        int n = in.readNBytes(buffer, limit, buffer.length - limit);
        if (n == 0) {
            eof = true;
        }
        limit += n;
        return position < limit;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The first byte that does not decode: its offset in the file and its line. */
    static final class Undecodable extends CharacterCodingException {
        final long byteOffset;
        final long line;
        final transient Charset charset;

        Undecodable(long byteOffset, long line, Charset charset) {
            this.byteOffset = byteOffset;
            this.line = line;
            this.charset = charset;
        }
    }
}
