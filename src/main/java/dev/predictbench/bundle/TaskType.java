package dev.predictbench.bundle;

/** What the model predicts. */
public enum TaskType {
    BINARY, MULTICLASS, REGRESSION;

    public String manifestName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
