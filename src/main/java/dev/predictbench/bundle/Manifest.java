package dev.predictbench.bundle;

import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.schema.Feature;
import java.util.List;

/** bundle.json, read and checked (format version 1). {@code warnings} lists the fields that were ignored. */
public record Manifest(
        String name,
        String version,
        String description,
        ModelSpec model,
        TaskSpec task,
        List<Feature> features,
        List<PreprocessStep> preprocessing,
        List<Rule> rules,
        double temperature,
        String referenceFile,
        List<String> warnings) {

    public Manifest {
        features = List.copyOf(features);
        preprocessing = List.copyOf(preprocessing);
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    /** The width of the model input the preprocessing produces. */
    public int inputWidth() {
        return preprocessing.stream().mapToInt(PreprocessStep::width).sum();
    }
}
