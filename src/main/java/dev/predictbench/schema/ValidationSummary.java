package dev.predictbench.schema;

import java.util.Map;

/**
 * Counts from validating a file, as {@code validate --json} prints them.
 *
 * @param byLevel rows with at least one failure at each level
 * @param byCheck failures per check ({@code column:constraint} or a rule's name)
 */
public record ValidationSummary(long rows, long valid, long invalid, Map<ValidationLevel, Long> byLevel,
                                Map<String, Long> byCheck) {
}
