package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.data.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the scored CSV in the layout of cli.md: every input column unchanged and
 * in order, then the output columns. The file appears only on {@link #commit()}.
 */
public final class ScoredCsvWriter implements ScoredRowSink, AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final AtomicFile file;
    private final CSVPrinter printer;
    private OutputLayout layout;

    public ScoredCsvWriter(Path output) {
        this.file = AtomicFile.create(output);
        try {
            this.printer = new CSVPrinter(file.writer(), FORMAT);
        } catch (IOException e) {
            file.close();
            throw new InputException(output + ": cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void begin(List<String> inputColumns, OutputLayout layout) {
        this.layout = layout;
        List<String> header = new ArrayList<>(inputColumns);
        header.addAll(layout.columns());
        print(header);
    }

    @Override
    public void accept(ScoredRow row) {
        List<String> cells = new ArrayList<>(row.cells().length + layout.columns().size());
        cells.addAll(List.of(row.cells()));
        cells.addAll(layout.cells(row));
        print(cells);
    }

    private void print(List<String> cells) {
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new InputException(file.target() + ": cannot be written: " + e.getMessage(), e);
        }
    }

    public void commit() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.commit();
    }

    /** Without a commit, deletes the partial file. */
    @Override
    public void close() {
        file.close();
    }
}
