package dev.predictbench.schema;

import dev.predictbench.InputException;
import dev.predictbench.data.AtomicFile;
import dev.predictbench.data.CsvLineWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes validation failures as CSV, one line each: row,column,level,check,value,message
 * (the layout of {@code validate --report}). The file appears only on {@link #commit()}. Text
 * cells that a spreadsheet would run as formulas get a leading quote (docs/security.md).
 */
public final class FailureReportWriter implements AutoCloseable {

    private final AtomicFile file;
    private final CsvLineWriter csv;

    public FailureReportWriter(Path path) {
        file = AtomicFile.create(path);
        // A failure report is read by people, in spreadsheets: the offending values are always defused.
        csv = new CsvLineWriter(file.stream(), true);
        try {
            csv.cells(java.util.List.of("row", "column", "level", "check", "value", "message"));
            csv.endRow();
        } catch (IOException e) {
            file.close();
            throw cannotWrite(e);
        }
    }

    public void write(ValidationFailure f) {
        try {
            csv.cell(Long.toString(f.row()));
            csv.cell(f.column());
            csv.cell(f.level().label());
            csv.cell(f.check());
            csv.cell(f.value() == null ? "" : f.value());
            csv.cell(f.message());
            csv.endRow();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    public void commit() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        file.commit();
    }

    private InputException cannotWrite(IOException e) {
        return new InputException(file.target() + ": cannot be written: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        file.close();
    }
}
