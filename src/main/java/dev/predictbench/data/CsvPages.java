package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Random access to the rows of a CSV file of any size: one scan records where every
 * page of {@link #PAGE} rows starts (a byte offset; quote-aware, so quoted line
 * breaks do not count), then a row is read by parsing its page from that offset.
 * The workbench's data table shows millions of rows this way while holding only a
 * few pages in memory. Byte scanning is safe for UTF-8: '"' and '\n' never occur
 * inside a multi-byte character.
 */
public final class CsvPages {

    public static final int PAGE = 512;
    private static final int CACHED_PAGES = 32;

    private final Path file;
    private final char delimiter;
    private final long[] pageStarts;
    private final long rows;
    private final List<String> header;
    private final Map<Integer, List<String[]>> cache = new LinkedHashMap<>(CACHED_PAGES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<String[]>> eldest) {
            return size() > CACHED_PAGES;
        }
    };

    private CsvPages(Path file, char delimiter, long[] pageStarts, long rows, List<String> header) {
        this.file = file;
        this.delimiter = delimiter;
        this.pageStarts = pageStarts;
        this.rows = rows;
        this.header = header;
    }

    /** Scans the file once; {@code progress} gets the bytes scanned so far. */
    public static CsvPages index(Path file, LongConsumer progress, BooleanSupplier cancelled) {
        List<String> header;
        char delimiter;
        try (CsvSource source = CsvSource.open(file)) {
            header = source.header();
            delimiter = source.delimiter();
        }
        long[] starts = new long[16];
        int pages = 0;
        long records = -1;
        boolean quoted = false;
        boolean atRecordStart = true;
        long position = 0;
        try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++, position++) {
                    byte b = buffer[i];
                    if (atRecordStart && b != '\n' && b != '\r') {
                        atRecordStart = false;
                        records++;
                        if (records > 0 && (records - 1) % PAGE == 0) {
                            if (pages == starts.length) {
                                starts = java.util.Arrays.copyOf(starts, pages * 2);
                            }
                            starts[pages++] = position;
                        }
                    }
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
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
        return new CsvPages(file, delimiter, java.util.Arrays.copyOf(starts, pages), Math.max(0, records), header);
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
            InputStreamReader reader = new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8);
            try (CSVParser parser = CsvSource.format(delimiter).parse(reader)) {
                for (CSVRecord record : parser) {
                    rowsOfPage.add(record.values());
                    if (rowsOfPage.size() == PAGE) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": rows " + ((long) page * PAGE + 1) + " on cannot be read: "
                    + e.getMessage(), e);
        }
        return rowsOfPage;
    }
}
