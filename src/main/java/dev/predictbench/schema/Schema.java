package dev.predictbench.schema;

import java.util.List;
import java.util.Map;

/**
 * Everything row validation needs from a bundle.
 *
 * @param encodedCategories per feature, the categories a one_hot (unknown: error) or ordinal
 *                          step saw in training; any other value is a range failure
 */
public record Schema(List<Feature> features, List<Rule> rules, Map<String, List<String>> encodedCategories) {

    public Schema {
        features = List.copyOf(features);
        rules = List.copyOf(rules);
        encodedCategories = Map.copyOf(encodedCategories);
    }
}
