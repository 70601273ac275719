package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Random access to the rows of a CSV file of any size: one scan records where every
 * page of {@link #PAGE} rows starts (a byte offset; quote-aware, so quoted line
 * breaks do not count), then a row is read by parsing its page from that offset.
 * The workbench's data table shows millions of rows this way while holding only a
 * few pages in memory. Scanning code units is safe: '"' and '\n' never occur inside a
 * multi-byte UTF-8 character or a UTF-16 surrogate pair.
 */
public final class CsvPages {

    public static final int PAGE = 512;
    private static final int CACHED_PAGES = 32;

    private final Path file;
    private final CsvDialect dialect;
    private final TextEncoding encoding;
    private final long[] pageStarts;
    private final long rows;
    private final List<String> header;
    private final Map<Integer, List<String[]>> cache = new LinkedHashMap<>(CACHED_PAGES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<String[]>> eldest) {
            return size() > CACHED_PAGES;
        }
    };

    private CsvPages(Path file, CsvDialect dialect, TextEncoding encoding, long[] pageStarts, long rows,
                     List<String> header) {
        this.file = file;
        this.dialect = dialect;
        this.encoding = encoding;
        this.pageStarts = pageStarts;
        this.rows = rows;
        this.header = header;
    }

    /** Scans the file once; {@code progress} gets the bytes scanned so far. */
    public static CsvPages index(Path file, LongConsumer progress, BooleanSupplier cancelled) {
        return index(file, CsvDialect.AUTO, progress, cancelled);
    }

    /** Scans a file written the given way. */
    public static CsvPages index(Path file, CsvDialect dialect, LongConsumer progress, BooleanSupplier cancelled) {
        return index(file, dialect, progress, cancelled, first -> { });
    }

    /** Pages handed over before the scan ends, so a big file's first rows show at once. */
    public static final int EARLY_PAGES = 8;

    /**
     * Scans a file written the given way; {@code early} gets the first {@link #EARLY_PAGES} pages
     * as soon as they are indexed (a big file's scan takes seconds), on the scanning thread.
     */
    public static CsvPages index(Path file, CsvDialect dialect, LongConsumer progress, BooleanSupplier cancelled,
                                 java.util.function.Consumer<CsvPages> early) {
        List<String> header;
        CsvDialect resolved;
        TextEncoding encoding;
        try (CsvSource source = CsvSource.open(file, dialect)) {
            header = source.header();
            resolved = source.dialect();
            encoding = source.encoding();
        }
        int unit = encoding.unitBytes();
        long[] starts = new long[16];
        int pages = 0;
        long records = -1;
        boolean quoted = false;
        boolean atRecordStart = true;
        long position = encoding.bomBytes();
        try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(encoding.bomBytes());
            byte[] buffer = new byte[1 << 16];
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                for (int i = 0; i + unit <= n; i += unit, position += unit) {
                    // One code unit: a byte, or a UTF-16 unit; '"', '\n' and '\r' never occur inside a character.
                    int c = unit == 1 ? buffer[i] & 0xFF : encoding.bigEndian()
                            ? (buffer[i] & 0xFF) << 8 | buffer[i + 1] & 0xFF : (buffer[i + 1] & 0xFF) << 8 | buffer[i] & 0xFF;
                    if (atRecordStart && c != '\n' && c != '\r') {
                        atRecordStart = false;
                        records++;
                        if (records > 0 && (records - 1) % PAGE == 0) {
                            if (pages == starts.length) {
                                starts = java.util.Arrays.copyOf(starts, pages * 2);
                            }
                            if (pages == EARLY_PAGES) {
                                early.accept(new CsvPages(file, resolved, new TextEncoding(resolved.encoding(), 0),
                                        java.util.Arrays.copyOf(starts, pages), (long) pages * PAGE, header));
                            }
                            starts[pages++] = position;
                        }
                    }
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\n' && !quoted) {
                        atRecordStart = true;
                    }
                }
                progress.accept(position);
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("indexing cancelled");
                }
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return new CsvPages(file, resolved, new TextEncoding(resolved.encoding(), 0),
                java.util.Arrays.copyOf(starts, pages), Math.max(0, records), header);
    }

    /** How the file is read, with everything found from it filled in. */
    public CsvDialect dialect() {
        return dialect;
    }

    public Path file() {
        return file;
    }

    public long rows() {
        return rows;
    }

    public List<String> header() {
        return header;
    }

    /** The row if its page is in memory, else null (the caller loads it off the UI thread). */
    public synchronized String[] cachedRow(long row) {
        List<String[]> cells = cache.get((int) ((row - 1) / PAGE));
        int at = (int) ((row - 1) % PAGE);
        return cells == null ? null : at < cells.size() ? cells.get(at) : new String[0];
    }

    /** Data row {@code row} (1-based, as in validation failures), read from disk if need be. */
    public synchronized String[] row(long row) {
        int page = (int) ((row - 1) / PAGE);
        List<String[]> cells = cache.computeIfAbsent(page, this::readPage);
        int at = (int) ((row - 1) % PAGE);
        return at < cells.size() ? cells.get(at) : new String[0];
    }

    private List<String[]> readPage(int page) {
        List<String[]> rowsOfPage = new ArrayList<>(PAGE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(pageStarts[page]);
            // From a page start there is no byte-order mark, and UTF-16's byte order is the detected one.
            try (CsvRecords records = CsvRecords.of(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16),
                    encoding, dialect.delimiter(), pageStarts[page])) {
                while (rowsOfPage.size() < PAGE && records.next()) {
                    rowsOfPage.add(records.record());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": rows " + ((long) page * PAGE + 1) + " on cannot be read: "
                    + e.getMessage(), e);
        }
        return rowsOfPage;
    }
}
