package dev.predictbench.bundle;

/** What the model returns for a batch: logits, probabilities or a regression value. */
public enum ModelOutput {
    LOGITS, PROBABILITIES, VALUE;

    public String manifestName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
