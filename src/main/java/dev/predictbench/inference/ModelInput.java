package dev.predictbench.inference;

/**
 * One positional input of a model with several (tabular deep-learning models take
 * numbers and int64 category indices for their embeddings as separate tensors): the
 * next {@code width} values of the preprocessed row, as floats or as int64.
 */
public record ModelInput(String name, int width, boolean int64) {

    /** "float32" or "int64", as in the manifest. */
    public String dtype() {
        return int64 ? "int64" : "float32";
    }
}
