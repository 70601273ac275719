package dev.predictbench.schema;

/**
 * One failed check on one row.
 *
 * @param row 1-based data row (the header is not counted)
 * @param column the feature or file column, or the rule's name for a business rule
 * @param check {@code column:constraint} or the rule's name, as counted by {@code validate --json}
 * @param value the cell as read
 * @param message a sentence a person understands
 */
public record ValidationFailure(long row, String column, ValidationLevel level, String check, String value,
                                String message) {
}
