package dev.predictbench.scoring;

import dev.predictbench.data.DataRow;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.schema.ValidationLevel;
import java.util.ArrayList;
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

    /**
     * Validates a row and adds it: a valid row is preprocessed into the model input, an invalid
     * one is kept with its failures ({@link #failures}).
     *
     * @return whether the row went to the model
     */
    boolean validateAndAdd(DataRow row, RowValidator validator, Preprocessor preprocessor) {
        List<ValidationFailure> rowFailures = new ArrayList<>(0);
        boolean valid = validator.validate(row, parsed, rowFailures);
        return add(row, rowFailures, valid ? preprocessor : null);
    }

    /**
     * Adds a row; a valid row ({@code preprocessor} not null) is preprocessed into the input
     * buffer. A value that is finite as a double but overflows float32 once preprocessed
     * (1e300, say) would make the model return NaN: such a row becomes invalid instead.
     *
     * @return whether the row went to the model
     */
    private boolean add(DataRow row, List<ValidationFailure> rowFailures, Preprocessor preprocessor) {
        rows[size] = row;
        failures[size] = rowFailures;
        size++;
        if (preprocessor == null) {
            return false;
        }
        int at = validCount * width;
        preprocessor.transform(parsed, inputs, at);
        for (int i = 0; i < width; i++) {
            if (!Float.isFinite(inputs[at + i])) {
                String column = preprocessor.sourceColumn(i);
                rowFailures.add(new ValidationFailure(row.row(), column, ValidationLevel.RANGE, column + ":float32",
                        "", column + " is too large for the model's float32 input once preprocessed (|x| > 3.4e38)"));
                return false;
            }
        }
        validCount++;
        return true;
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
