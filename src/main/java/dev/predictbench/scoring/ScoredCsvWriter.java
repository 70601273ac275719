package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.data.AtomicFile;
import dev.predictbench.data.CsvLineWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the scored CSV in the layout of cli.md: every input column unchanged and
 * in order, then the output columns. The file appears only on {@link #commit()}.
 */
public final class ScoredCsvWriter implements ScoredRowSink, AutoCloseable {

    private final AtomicFile file;
    private final CsvLineWriter csv;
    private OutputLayout layout;

    public ScoredCsvWriter(Path output) {
        this.file = AtomicFile.create(output);
        this.csv = new CsvLineWriter(file.writer());
    }

    @Override
    public void begin(List<String> inputColumns, OutputLayout layout) {
        this.layout = layout;
        try {
            csv.cells(inputColumns);
            csv.cells(layout.columns());
            csv.endRow();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    @Override
    public void accept(ScoredRow row) {
        try {
            for (String cell : row.cells()) {
                csv.cell(cell);
            }
            layout.writeCells(row, csv);
            csv.endRow();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private InputException cannotWrite(IOException e) {
        return new InputException(file.target() + ": cannot be written: " + e.getMessage(), e);
    }

    public void commit() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        file.commit();
    }

    /** Without a commit, deletes the partial file. */
    @Override
    public void close() {
        file.close();
    }
}
