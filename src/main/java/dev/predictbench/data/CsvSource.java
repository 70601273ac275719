package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV file (RFC 4180, UTF-8, header in the first row) one row at a time,
 * so memory stays flat however long the file is. Problems that make the whole file
 * unreadable become {@link InputException}s naming the file and row.
 */
public final class CsvSource implements AutoCloseable {

    private final Path file;
    private final CountingInputStream bytes;
    private final long totalBytes;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final char delimiter;

    private CsvSource(Path file) throws IOException {
        this.file = file;
        this.totalBytes = Files.size(file);
        this.delimiter = sniffDelimiter(file);
        this.bytes = new CountingInputStream(Files.newInputStream(file));
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.parser = format(delimiter).parse(new BufferedReader(new InputStreamReader(bytes, decoder), 1 << 16));
        this.records = parser.iterator();
        this.header = readHeader();
    }

    public static CsvSource open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(file + ": is a folder; expected a CSV file");
            }
            return new CsvSource(file);
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
        String[] names = records.next().values();
        if (names.length > 0 && names[0].startsWith("\uFEFF")) {
            names[0] = names[0].substring(1);
        }
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

    /** RFC 4180 with the given delimiter. */
    public static CSVFormat format(char delimiter) {
        return delimiter == ',' ? CSVFormat.RFC4180 : CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    }

    /**
     * The delimiter, guessed from the first line: whichever of , ; tab | occurs most often
     * outside quotes (Excel in many locales writes ';', databases export tabs). Comma when
     * none occurs.
     */
    public static char sniffDelimiter(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1 << 16);
        }
        int[] counts = new int[4];
        char[] candidates = {',', ';', '\t', '|'};
        boolean quoted = false;
        for (byte b : head) {
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            } else if (!quoted) {
                for (int i = 0; i < candidates.length; i++) {
                    counts[i] += b == candidates[i] ? 1 : 0;
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
        return delimiter;
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
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(e);
        }
    }

    public DataRow next() {
        try {
            CSVRecord record = records.next();
            return new DataRow(record.getRecordNumber() - 1, record.values());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(e);
        }
    }

    /** Bytes read so far, for progress; the reader reads ahead, so this runs slightly early. */
    public long bytesRead() {
        return bytes.count;
    }

    public long totalBytes() {
        return totalBytes;
    }

    private InputException unreadable(RuntimeException e) {
        long row = parser.getRecordNumber();
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return new InputException(file + ": row " + row + ": not valid UTF-8 text; save the file as UTF-8", e);
        }
        return new InputException(file + ": cannot be read as CSV after row " + row + ": " + cause.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            parser.close();
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
