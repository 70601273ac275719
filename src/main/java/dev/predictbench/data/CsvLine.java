package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV record that arrives as a line of text from elsewhere (Spark's text source splits
 * files at line ends), read exactly as the file readers read a record: RFC 4180 with the
 * given delimiter, a quote that is never closed or text after a closing quote refused.
 */
public final class CsvLine {

    private final CSVFormat format;
    private final char delimiter;

    public CsvLine(char delimiter) {
        this.format = CsvRecords.format(delimiter);
        this.delimiter = delimiter;
    }

    /**
     * The cells of a line; throws {@link InputException} naming {@code where} when the line is
     * not one complete record (a quoted cell that goes on past the line end is one that holds
     * a line break, which a line-by-line reader cannot see whole).
     */
    public String[] cells(String line, String where) {
        if (line.indexOf('"') < 0) {
            return split(line); // no quotes: RFC 4180 reads exactly the text between delimiters
        }
        try (CSVParser parser = format.parse(new java.io.StringReader(line))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return new String[] {""};
            }
            String[] cells = records.next().values();
            if (records.hasNext()) {
                throw new InputException(where + ": holds more than one record");
            }
            return cells;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InputException(where + ": not one complete CSV record (" + cause.getMessage()
                    + "); a quoted cell that holds a line break cannot be read line by line", e);
        }
    }

    private String[] split(String line) {
        int count = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            count++;
        }
        String[] cells = new String[count];
        int start = 0;
        for (int c = 0; c < count - 1; c++) {
            int end = line.indexOf(delimiter, start);
            cells[c] = line.substring(start, end);
            start = end + 1;
        }
        cells[count - 1] = line.substring(start);
        return cells;
    }
}
