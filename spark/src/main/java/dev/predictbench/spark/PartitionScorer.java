package dev.predictbench.spark;

import dev.predictbench.InputException;
import dev.predictbench.data.CsvLine;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.schema.ColumnMapping;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.scoring.InvalidRows;
import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.RowScoring;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition on an executor with the desktop's core: rows become {@link DataRow}s
 * (CSV lines cut by the desktop's CSV reading, Parquet values as text), {@link RowScoring}
 * validates, preprocesses, runs the model in batches and calibrates, and each input row
 * comes out once, valid or not, with the output columns appended.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private final String shippedBundle;
    private final JobOptions job;
    private final List<String> header;
    private final InputTable.Csv csv;
    private final String headerLine;
    private final int inputWidth;
    private final OutputColumns outputColumns;
    private final long seed;
    private final LongAccumulator rows;
    private final LongAccumulator invalid;
    private final CheckCounts checks;

    PartitionScorer(String shippedBundle, JobOptions job, InputTable input, OutputColumns outputColumns, long seed,
                    LongAccumulator rows, LongAccumulator invalid, CheckCounts checks) {
        this.shippedBundle = shippedBundle;
        this.job = job;
        this.header = List.copyOf(input.header());
        this.csv = input.csv();
        this.headerLine = input.headerLine();
        this.inputWidth = input.columns().size();
        this.outputColumns = outputColumns;
        this.seed = seed;
        this.rows = rows;
        this.invalid = invalid;
        this.checks = checks;
    }

    static ScoringOptions scoringOptions(JobOptions job, InputTable.Csv csv, long seed) {
        return new ScoringOptions(DeviceChoice.CPU, job.batchSize(), null, InvalidRows.KEEP, job.mcPasses(), seed,
                ColumnMapping.NONE, csv == null ? null : csv.dialect());
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ScoringOptions options = scoringOptions(job, csv, seed);
        Scorer scorer = ExecutorScorers.get(shippedBundle, options, job.torchThreads());
        int partition = TaskContext.get() == null ? 0 : TaskContext.get().partitionId();
        OutputLayout layout = scorer.layout(options);
        List<String> outputs = layout.columns();
        ArrayDeque<Object[]> originals = new ArrayDeque<>();
        Iterator<DataRow> dataRows = csv != null ? new CsvRows(input, originals) : new ParquetRows(input, originals);
        RowScoring scored = new RowScoring(scorer, scorer.validator(header, "partition " + partition, options),
                dataRows, options, partitionSeed(partition));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return scored.hasNext();
            }

            @Override
            public Row next() {
                ScoredRow row = scored.next();
                Object[] values = Arrays.copyOf(originals.poll(), inputWidth + outputs.size());
                outputColumns.fill(row, layout, outputs, values, inputWidth);
                count(row);
                return RowFactory.create(values);
            }
        };
    }

    private void count(ScoredRow row) {
        rows.add(1);
        if (!row.valid()) {
            invalid.add(1);
            Set<String> failed = new LinkedHashSet<>();
            for (ValidationFailure failure : row.failures()) {
                failed.add(failure.check());
            }
            failed.forEach(checks::add);
        }
    }

    /** Each partition's MC dropout draws its own seed from the job's. */
    private long partitionSeed(int partition) {
        long z = seed ^ (0xD1B54A32D192ED03L * (partition + 1));
        z = (z ^ (z >>> 32)) * 0xDABA0B6EB09322E3L;
        return z ^ (z >>> 32);
    }

    /** CSV lines as data rows; header lines (every file repeats it) and blank lines are not rows. */
    private final class CsvRows implements Iterator<DataRow> {
        private final Iterator<Row> lines;
        private final ArrayDeque<Object[]> originals;
        private final CsvLine reader = new CsvLine(csv.delimiter());
        private DataRow next;
        private long number;

        CsvRows(Iterator<Row> lines, ArrayDeque<Object[]> originals) {
            this.lines = lines;
            this.originals = originals;
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                Row line = lines.next();
                String text = line.getString(0);
                if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                if (text.isEmpty() || text.equals(headerLine)) {
                    continue;
                }
                String file = line.getString(1);
                if (text.indexOf('\uFFFD') >= 0) {
                    throw new InputException(file + ": a line holds bytes that are not UTF-8 (\"" + abbreviate(text)
                            + "\"); the Spark job reads UTF-8 CSV: convert the file, or score it with predictbench score");
                }
                String[] cells = reader.cells(text, file + ": line \"" + abbreviate(text) + "\"");
                next = new DataRow(++number, cells);
                originals.add(Arrays.copyOf(cells, inputWidth, Object[].class));
            }
            return next != null;
        }

        @Override
        public DataRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            DataRow row = next;
            next = null;
            return row;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Parquet rows: typed values, read as the text a CSV would hold for them. */
    private final class ParquetRows implements Iterator<DataRow> {
        private final Iterator<Row> rowsIn;
        private final ArrayDeque<Object[]> originals;
        private long number;

        ParquetRows(Iterator<Row> rowsIn, ArrayDeque<Object[]> originals) {
            this.rowsIn = rowsIn;
            this.originals = originals;
        }

        @Override
        public boolean hasNext() {
            return rowsIn.hasNext();
        }

        @Override
        public DataRow next() {
            Row row = rowsIn.next();
            Object[] values = new Object[row.size()];
            String[] cells = new String[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
                cells[i] = CellText.of(values[i]);
            }
            originals.add(values);
            return new DataRow(++number, cells);
        }
    }
}
