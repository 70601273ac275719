package dev.predictbench.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A position in bundle.json that knows its JSON path, so every problem found
 * while reading it can be reported as {@code preprocessing[2].categories: required}.
 * Reading never throws: problems are collected and the caller decides at the end.
 */
final class ManifestNode {

    /**
     * Longest list a manifest may hold (features, categories, a vocabulary): real bundles of
     * 50,000 features or words are read with room to spare; a million categories would fill the
     * headless heap several times over once indexed.
     */
    static final int MAX_LIST_ITEMS = 250_000;

    private final JsonNode node;
    /** The path of this node, or of its list when {@code index} >= 0: a list of a million categories makes no strings. */
    private final String base;
    private final int index;
    private final ManifestProblems problems;

    ManifestNode(JsonNode node, String path, ManifestProblems problems) {
        this(node, path, -1, problems);
    }

    private ManifestNode(JsonNode node, String base, int index, ManifestProblems problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.base = base;
        this.index = index;
        this.problems = problems;
    }

    String path() {
        return index < 0 ? base : base + "[" + index + "]";
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    ManifestNode field(String name) {
        String path = path();
        return new ManifestNode(node.get(name), path.isEmpty() ? name : path + "." + name, problems);
    }

    void error(String message) {
        problems.error(path() + ": " + message);
    }

    /** Warns about fields this reader does not know; they are kept out of the model, not fatal. */
    void warnUnknownFields(Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.warning((path().isEmpty() ? "" : path() + ".") + name + ": unknown field, ignored");
            }
        }
    }

    boolean requireObject() {
        if (!isPresent()) {
            error("required");
            return false;
        }
        if (!node.isObject()) {
            error("expected an object");
            return false;
        }
        return true;
    }

    String requiredText() {
        if (!isPresent()) {
            error("required");
            return null;
        }
        return text(null);
    }

    String text(String fallback) {
        if (!isPresent()) {
            return fallback;
        }
        if (!node.isTextual()) {
            error("expected a string, found " + node);
            return fallback;
        }
        return node.asText();
    }

    boolean bool(boolean fallback) {
        if (!isPresent()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            error("expected true or false, found " + node);
            return fallback;
        }
        return node.asBoolean();
    }

    Double requiredNumber() {
        if (!isPresent()) {
            error("required");
            return null;
        }
        return number(null);
    }

    Double number(Double fallback) {
        if (!isPresent()) {
            return fallback;
        }
        if (!node.isNumber()) {
            error("expected a number, found " + node);
            return fallback;
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            // 1e400 reads as infinity: no constant in a manifest can compute with it.
            error("expected a finite number, found one beyond the range of a double (about 1.8e308)");
            return fallback;
        }
        return value;
    }

    /** A scalar (string, number or boolean) as text, e.g. a missing-value fill. */
    String scalarText() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isValueNode()) {
            error("expected a string or a number, found " + node);
            return null;
        }
        return node.isNumber() ? numberText(node) : node.asText();
    }

    List<ManifestNode> requiredItems() {
        if (!isPresent()) {
            error("required");
            return List.of();
        }
        return items();
    }

    List<ManifestNode> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            error("expected a list, found " + node);
            return List.of();
        }
        if (node.size() > MAX_LIST_ITEMS) {
            error("holds " + String.format("%,d", node.size()) + " items; PredictBench reads lists of at most "
                    + String.format("%,d", MAX_LIST_ITEMS) + " (features, categories, vocabulary: docs/robustness.md)");
            return List.of();
        }
        List<ManifestNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ManifestNode(node.get(i), path(), i, problems));
        }
        return items;
    }

    List<String> requiredTexts() {
        List<String> texts = new ArrayList<>();
        for (ManifestNode item : requiredItems()) {
            String text = item.scalarText();
            if (text == null && item.isPresent()) {
                continue;
            }
            if (text == null) {
                item.error("expected a string, found null");
                continue;
            }
            texts.add(text);
        }
        return texts;
    }

    double[] requiredNumbers() {
        List<ManifestNode> items = requiredItems();
        double[] numbers = new double[items.size()];
        for (int i = 0; i < numbers.length; i++) {
            Double value = items.get(i).requiredNumber();
            numbers[i] = value == null ? Double.NaN : value;
        }
        return numbers;
    }

    private static String numberText(JsonNode number) {
        return number.isIntegralNumber() ? number.asText() : Double.toString(number.asDouble());
    }
}
