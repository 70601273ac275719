package dev.predictbench.schema;

/** A business rule: a boolean expression that must hold for a valid row. */
public record Rule(String name, String expression, String message) {
}
