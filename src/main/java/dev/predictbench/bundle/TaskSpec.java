package dev.predictbench.bundle;

import java.util.List;

/**
 * The manifest's {@code task} section.
 *
 * @param classes labels in the model's output order (empty for regression)
 * @param target the label column in labelled files, or null
 * @param positiveClass the class a single-logit binary model scores (default: the second label)
 */
public record TaskSpec(TaskType type, List<String> classes, String target, String positiveClass) {

    public TaskSpec {
        classes = List.copyOf(classes);
    }

    public boolean isClassification() {
        return type != TaskType.REGRESSION;
    }
}
