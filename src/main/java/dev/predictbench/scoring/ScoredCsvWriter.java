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
    private final boolean guardFormulas;
    private OutputLayout layout;
    private int inputWidth;

    public ScoredCsvWriter(Path output) {
        this(output, false);
    }

    /**
     * @param guardFormulas defuse text cells a spreadsheet would run as formulas (FormulaGuard): the
     *     header, input cells, class labels and messages
     */
    public ScoredCsvWriter(Path output, boolean guardFormulas) {
        this.file = AtomicFile.create(output);
        this.csv = new CsvLineWriter(file.stream(), guardFormulas);
        this.guardFormulas = guardFormulas;
    }

    @Override
    public void begin(List<String> inputColumns, OutputLayout layout) {
        this.layout = layout;
        this.inputWidth = inputColumns.size();
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
            // Exactly the header's columns, so the output columns stay aligned: a short row is
            // padded, a long row's extra cells are dropped (the row is invalid with row:cells).
            if (row.raw() != null && row.input().cellCount() == inputWidth && !guardFormulas) {
                csv.rawCells(row.raw()); // the input row's own bytes: exactly what writing each cell gives
            } else {
                String[] cells = row.cells();
                for (int i = 0; i < inputWidth; i++) {
                    String cell = i < cells.length ? cells[i] : "";
                    csv.cell(cell);   // guarded by the writer when asked
                }
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

    /** Puts the scored file in place together with {@code record} (its run record): both or neither. */
    public void commitWith(AtomicFile record) {
        try {
            csv.flush();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        AtomicFile.commitTogether(record, file);
    }

    /** Without a commit, deletes the partial file. */
    @Override
    public void close() {
        file.close();
    }
}
