package dev.predictbench.scoring;

import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's second stage: takes the rows the first stage read ({@link #readRows}),
 * validates them and preprocesses the valid ones straight into the batch's model-input
 * buffer. Reading and validating run on two threads because each is about half the work.
 * With {@link InvalidRows#FAIL} it stops at the first invalid row.
 */
final class BatchReader {

    private final Pipeline<DataRow[]> source;
    private final RowValidator validator;
    private final ScoringOptions options;
    private final Pipeline<Batch> out;
    private final Preprocessor preprocessor;
    private final int featureCount;
    private volatile long rows;
    private volatile long invalidRows;
    private volatile ValidationFailure stoppedAt;

    BatchReader(Pipeline<DataRow[]> source, RowValidator validator, ScoringOptions options, Pipeline<Batch> out,
                Preprocessor preprocessor, int featureCount) {
        this.source = source;
        this.validator = validator;
        this.options = options;
        this.out = out;
        this.preprocessor = preprocessor;
        this.featureCount = featureCount;
    }

    /** The first stage: the file's rows, in chunks of {@code size}, then the end. */
    static void readRows(CsvSource file, int size, Pipeline<DataRow[]> out) throws InterruptedException {
        List<DataRow> chunk = new ArrayList<>(size);
        while (file.hasNext()) {
            chunk.add(file.next());
            if (chunk.size() == size) {
                out.put(chunk.toArray(DataRow[]::new));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            out.put(chunk.toArray(DataRow[]::new));
        }
        out.end();
    }

    void run() throws InterruptedException {
        Batch batch = newBatch();
        rows:
        for (DataRow[] chunk = source.take(); chunk != null; chunk = source.take()) {
          for (DataRow row : chunk) {
            rows++;
            if (!batch.validateAndAdd(row, validator, preprocessor)) {
                invalidRows++;
                if (options.invalidRows() == InvalidRows.FAIL) {
                    stoppedAt = batch.failures(batch.size() - 1).get(0);
                    break rows;
                }
            }
            if (batch.isFull()) {
                out.put(batch);
                batch = newBatch();
            }
          }
        }
        if (batch.size() > 0 && stoppedAt == null) {
            out.put(batch);
        }
        out.end();
    }

    private Batch newBatch() {
        return new Batch(options.batchSize(), preprocessor.width(), featureCount);
    }

    long rows() {
        return rows;
    }

    long invalidRows() {
        return invalidRows;
    }

    ValidationFailure stoppedAt() {
        return stoppedAt;
    }
}
