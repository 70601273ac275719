package dev.predictbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV byte stream, read the fastest way its encoding allows: straight from
 * the bytes for UTF-8 and single-byte encodings ({@link ByteCsvReader}), through Commons CSV
 * on decoded text for the rest (UTF-16 and multi-byte sets, where a delimiter byte may sit
 * inside a character). Both read RFC 4180 with blank lines skipped and refuse an unclosed
 * quote or text after a closing quote.
 */
interface CsvRecords extends AutoCloseable {

    /** Reads the next record; false at the end. */
    boolean next() throws IOException;

    String[] record();

    /** The record's original bytes when they are exactly what the scored file writes for its cells; else null. */
    byte[] raw();

    /** The record as a data row numbered {@code number}. */
    default DataRow row(long number) {
        return new DataRow(number, record(), raw());
    }

    @Override
    void close() throws IOException;

    /** @param offset where {@code in} starts in the file, for error positions */
    static CsvRecords of(InputStream in, TextEncoding encoding, char delimiter, long offset) {
        var charset = encoding.charset();
        boolean bytewise = charset.equals(StandardCharsets.UTF_8) || charset.newEncoder().maxBytesPerChar() == 1f;
        return bytewise ? new Bytewise(new ByteCsvReader(in, delimiter, charset, offset))
                : new Decoded(in, encoding, delimiter);
    }

    /** Strict RFC 4180 with the delimiter, blank lines skipped: Commons CSV's reading. */
    static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    }

    record Bytewise(ByteCsvReader reader) implements CsvRecords {
        @Override
        public boolean next() throws IOException {
            return reader.next();
        }

        @Override
        public String[] record() {
            return reader.record();
        }

        @Override
        public byte[] raw() {
            return reader.raw();
        }

        @Override
        public DataRow row(long number) {
            return reader.row(number);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    final class Decoded implements CsvRecords {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private String[] record;

        Decoded(InputStream in, TextEncoding encoding, char delimiter) {
            try {
                this.parser = format(delimiter).parse(new BufferedReader(new InputStreamReader(in,
                        encoding.strictDecoder()), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.records = parser.iterator();
        }

        @Override
        public boolean next() throws IOException {
            try {
                if (!records.hasNext()) {
                    return false;
                }
                record = records.next().values();
                return true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (IllegalStateException e) {
                throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
            }
        }

        @Override
        public String[] record() {
            return record;
        }

        @Override
        public byte[] raw() {
            return null;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
