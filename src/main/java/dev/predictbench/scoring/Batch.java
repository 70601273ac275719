package dev.predictbench.scoring;

import dev.predictbench.data.DataRow;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.ValidationFailure;
import java.util.List;

/**
 * Rows on their way through the pipeline: filled by the reader (the model input of
 * the valid rows packed into one buffer), given outputs by the model stage, turned
 * into scored rows by the writer. Each batch is owned by one stage at a time.
 */
final class Batch {

    private final DataRow[] rows;
    private final List<ValidationFailure>[] failures;
    private final float[] inputs;
    private final int width;
    private final ParsedRow parsed;
    private int size;
    private int validCount;
    private ModelOutputs outputs;

    @SuppressWarnings("unchecked")
    Batch(int capacity, int width, int featureCount) {
        this.rows = new DataRow[capacity];
        this.failures = new List[capacity];
        this.inputs = new float[capacity * width];
        this.width = width;
        this.parsed = ParsedRow.forFeatures(featureCount);
    }

    /** The reusable slot the validator fills for the next row. */
    ParsedRow nextParsedRow() {
        return parsed;
    }

    /** Adds a row; a valid row ({@code preprocessor} not null) is preprocessed into the input buffer. */
    void add(DataRow row, List<ValidationFailure> rowFailures, Preprocessor preprocessor) {
        rows[size] = row;
        failures[size] = rowFailures;
        size++;
        if (preprocessor != null) {
            preprocessor.transform(parsed, inputs, validCount * width);
            validCount++;
        }
    }

    boolean isFull() {
        return size == rows.length;
    }

    int size() {
        return size;
    }

    int validCount() {
        return validCount;
    }

    float[] inputs() {
        return inputs;
    }

    DataRow row(int i) {
        return rows[i];
    }

    List<ValidationFailure> failures(int i) {
        return failures[i];
    }

    ModelOutputs outputs() {
        return outputs;
    }

    void setOutputs(ModelOutputs outputs) {
        this.outputs = outputs;
    }
}
