package dev.predictbench.bundle;

import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.Ordinal;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.SklearnStep;
import dev.predictbench.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.Rule;
import java.util.List;

/**
 * bundle.json, read and checked (format version 1). {@code parity} is null when the bundle
 * carries no parity certificate; {@code warnings} lists the fields that were ignored.
 */
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
        ParitySpec parity,
        List<String> warnings) {

    public Manifest {
        features = List.copyOf(features);
        preprocessing = List.copyOf(preprocessing);
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    /** What row validation checks: the features, the rules, and the categories seen in training. */
    public Schema schema() {
        Map<String, List<String>> encoded = new LinkedHashMap<>();
        for (PreprocessStep step : allSteps()) {
            if (step instanceof OneHot oneHot && !oneHot.ignoreUnknown()) {
                encoded.put(oneHot.column(), oneHot.categories());
            } else if (step instanceof Ordinal ordinal && ordinal.unknownValue() == null) {
                encoded.put(ordinal.column(), ordinal.categories());
            }
        }
        return new Schema(features, rules, encoded);
    }

    /** The steps with scikit-learn files replaced by the native steps they were read into. */
    public List<PreprocessStep> allSteps() {
        return flatten(preprocessing);
    }

    static List<PreprocessStep> flatten(List<PreprocessStep> steps) {
        return steps.stream()
                .flatMap(step -> step instanceof SklearnStep sklearn ? sklearn.steps().stream() : Stream.of(step))
                .toList();
    }

    /** The width of the model input the preprocessing produces. */
    public int inputWidth() {
        return preprocessing.stream().mapToInt(PreprocessStep::width).sum();
    }
}
