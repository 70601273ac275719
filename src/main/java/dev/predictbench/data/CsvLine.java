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

    public CsvLine(char delimiter) {
        this.format = CsvRecords.format(delimiter);
    }

    /**
     * The cells of a line; throws {@link InputException} naming {@code where} when the line is
     * not one complete record (a quoted cell that goes on past the line end is one that holds
     * a line break, which a line-by-line reader cannot see whole).
     */
    public String[] cells(String line, String where) {
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
}
