package dev.predictbench.scoring;

import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;

/**
 * The pipeline's first stage: reads the file's rows, validates them and preprocesses the
 * valid ones straight into the batch's model-input buffer. One thread does all three, so a
 * row's bytes are scanned, parsed and checked while they are in this core's cache (handing
 * rows to a second thread cost more in cache misses than it saved; decision 14).
 * With {@link InvalidRows#FAIL} it stops at the first invalid row.
 */
final class BatchReader {

    private final CsvSource source;
    private final RowValidator validator;
    private final ScoringOptions options;
    private final Pipeline<Batch> out;
    private final Preprocessor preprocessor;
    private final int featureCount;
    private volatile long rows;
    private volatile long invalidRows;
    private volatile ValidationFailure stoppedAt;

    BatchReader(CsvSource source, RowValidator validator, ScoringOptions options, Pipeline<Batch> out,
                Preprocessor preprocessor, int featureCount) {
        this.source = source;
        this.validator = validator;
        this.options = options;
        this.out = out;
        this.preprocessor = preprocessor;
        this.featureCount = featureCount;
    }

    void run() throws InterruptedException {
        Batch batch = newBatch();
        while (source.hasNext()) {
            DataRow row = source.next();
            rows++;
            if (!batch.validateAndAdd(row, validator, preprocessor)) {
                invalidRows++;
                if (options.invalidRows() == InvalidRows.FAIL) {
                    stoppedAt = batch.failures(batch.size() - 1).get(0);
                    break;
                }
            }
            if (batch.isFull()) {
                out.put(batch);
                batch = newBatch();
            }
        }
        if (batch.size() > 0 && stoppedAt == null) {
            out.put(batch);
        }
        out.end();
    }

    /**
     * A batch holds at most this many model-input floats (8 MiB): a bundle of 50,000 features
     * would otherwise need 200 MB per batch of 1,024 rows, more than the headless heap, while
     * narrow models keep their full batch size.
     */
    static final int MAX_BATCH_FLOATS = 2 << 20;

    private Batch newBatch() {
        return new Batch(rowsPerBatch(options.batchSize(), preprocessor.width()), preprocessor.width(), featureCount);
    }

    /** The batch size asked for, or fewer rows for a model input so wide that the batch would not fit. */
    static int rowsPerBatch(int batchSize, int width) {
        return (int) Math.max(1, Math.min(batchSize, MAX_BATCH_FLOATS / Math.max(1, width)));
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
