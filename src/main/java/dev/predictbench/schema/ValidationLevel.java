package dev.predictbench.schema;

/** The three validation levels of the bundle format, in the order they are checked. */
public enum ValidationLevel {
    STRUCTURE("structure"),
    RANGE("range"),
    RULE("rule");

    private final String label;

    ValidationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
