package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


/**
 * Streams a CSV file (RFC 4180, header in the first row; encoding, delimiter and decimal
 * mark as {@link CsvDialect} says or found from the file) one row at a time,
 * so memory stays flat however long the file is. Problems that make the whole file
 * unreadable become {@link InputException}s naming the file and row.
 */
public final class CsvSource implements AutoCloseable {

    private final Path file;
    private final CountingInputStream bytes;
    private final long totalBytes;
    /** When the file was opened: a file that changes while it is read is refused at its end. */
    private final FileTime modified;
    private final TextEncoding encoding;
    private final CsvDialect dialect;
    private final CsvRecords records;
    /** Records returned so far, the header included: the data row number of the last one. */
    private long recordNumber;
    /** Whether the next record has been read ahead by {@link #hasNext()}, and whether there is one. */
    private boolean fetched;
    private boolean available;
    private final List<String> header;

    private CsvSource(Path file, CsvDialect requested) throws IOException {
        this.file = file;
        this.modified = Files.getLastModifiedTime(file);
        this.totalBytes = Files.size(file);
        this.encoding = TextEncoding.of(file, requested.encoding());
        char delimiter = requested.delimiter() != null ? requested.delimiter() : sniffDelimiter(file, encoding);
        this.dialect = new CsvDialect(encoding.charset(), delimiter,
                requested.decimalComma() != null ? requested.decimalComma() : delimiter == ';', requested.missing());
        this.bytes = new CountingInputStream(Files.newInputStream(file));
        bytes.skipNBytes(encoding.bomBytes());
        this.records = CsvRecords.of(bytes, encoding, delimiter, encoding.bomBytes());
        this.header = readHeader();
    }

    /** Opens a file whose encoding, delimiter and decimal mark are found from the file itself. */
    public static CsvSource open(Path file) {
        return open(file, CsvDialect.AUTO);
    }

    /** Opens a file written the given way (null fields of the dialect are found from the file). */
    public static CsvSource open(Path file, CsvDialect dialect) {
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(file + ": is a folder; expected a CSV file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InputException(file + ": is not a regular file (a device, pipe or socket); expected a CSV"
                        + " file on disk, which can be checked for changes while it is read");
            }
            return new CsvSource(file, dialect);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private List<String> readHeader() {
        if (!hasNext()) {
            throw new InputException(file + ": the file is empty; expected a header row naming the columns");
        }
        String[] names = next().cells();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].strip();
            if (!seen.add(names[i])) {
                throw new InputException(file + ": header: column \"" + names[i] + "\" appears twice (column "
                        + (i + 1) + "); column names must be unique");
            }
        }
        return List.of(names);
    }

    /**
     * The delimiter, guessed from the first line: whichever of , ; tab | occurs most often
     * outside quotes (Excel in many locales writes ';', databases export tabs). Comma when
     * none occurs.
     */
    static char sniffDelimiter(Path file, TextEncoding encoding) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomBytes());
            head = in.readNBytes(1 << 16);
        }
        String text = new String(head, encoding.charset());
        int[] counts = new int[4];
        char[] candidates = {',', ';', '\t', '|'};
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    counts[k] += c == candidates[k] ? 1 : 0;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
        }
        return counts[best] == 0 ? ',' : candidates[best];
    }

    public char delimiter() {
        return dialect.delimiter();
    }

    /** How the file is read, with everything found from it filled in. */
    public CsvDialect dialect() {
        return dialect;
    }

    public TextEncoding encoding() {
        return encoding;
    }

    /** Whether the file's header has the column (reads the header only). */
    public static boolean hasColumn(Path file, String column) {
        try (CsvSource source = open(file)) {
            return source.header().contains(column);
        }
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public boolean hasNext() {
        if (!fetched) {
            try {
                available = records.next();
                if (!available) {
                    checkUnchanged();
                }
            } catch (IOException | UncheckedIOException e) {
                throw unreadable(e);
            }
            fetched = true;
        }
        return available;
    }

    public DataRow next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException(file + ": no more rows");
        }
        fetched = false;
        return records.row(recordNumber++);
    }

    /** Bytes read so far, for progress; the reader reads ahead, so this runs slightly early. */
    public long bytesRead() {
        return bytes.count;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /**
     * At the end of the file: every byte it had when opened was read, no more, and it was not
     * modified meanwhile. A file still being written (or truncated) would otherwise end early
     * with a valid-looking result for part of its rows.
     */
    private void checkUnchanged() throws IOException {
        long read = bytes.count + encoding.bomBytes();
        long size = Files.size(file);
        if (read != totalBytes || size != totalBytes || !Files.getLastModifiedTime(file).equals(modified)) {
            throw new InputException(file + ": changed while it was read (" + String.format("%,d", totalBytes)
                    + " bytes when opened, " + String.format("%,d", size) + " now, " + String.format("%,d", read)
                    + " read); nothing was written from it: read it again once it is complete");
        }
    }

    private InputException unreadable(Exception e) {
        long row = Math.max(0, recordNumber - 1);
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return undecodable(e);
        }
        return new InputException(file + ": cannot be read as CSV after row " + row + ": " + cause.getMessage(), e);
    }

    /** Names the first byte that does not decode, and says what to do. */
    private InputException undecodable(Exception e) {
        String name = encoding.charset().displayName(java.util.Locale.ROOT);
        String where;
        if (e instanceof ByteCsvReader.Undecodable at) {
            where = "byte " + at.byteOffset + " (line " + at.line + ")";
        } else {
            try {
                where = encoding.firstFailure(file).map(f -> "byte " + f.byteOffset() + " (line " + f.line() + ")")
                        .orElse("a byte");
            } catch (IOException io) {
                where = "a byte";
            }
        }
        return new InputException(file + ": " + where + " is not valid " + name + " text; "
                + (encoding.charset().equals(java.nio.charset.StandardCharsets.UTF_8)
                ? "a file saved by Excel or an older tool is often Windows-1252 or Latin-1: give --encoding cp1252"
                + " (or choose the encoding when opening the file), or save it as UTF-8"
                : "give the file's encoding with --encoding (or choose it when opening the file)"), e);
    }

    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
