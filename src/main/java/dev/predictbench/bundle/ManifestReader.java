package dev.predictbench.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.predictbench.calibration.TemperatureScaling;
import dev.predictbench.InputException;
import dev.predictbench.inference.ModelInput;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.Rule;
import dev.predictbench.schema.RuleSet;
import dev.predictbench.schema.FeatureType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads bundle.json (format version 1, docs/bundle-format.md). Every problem is
 * reported with its JSON path, all at once; unknown fields become warnings.
 */
public final class ManifestReader {

    public static final String FORMAT = "predictbench-bundle";
    public static final int FORMAT_VERSION = 1;

    /** How deep a manifest may nest; real ones nest five levels. */
    static final int MAX_DEPTH = 64;
    /** Digits a number may have; a double needs at most 17 significant ones and a short exponent. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Characters one string may have (a description, a rule); the whole file is at most 16 MiB. */
    static final int MAX_STRING_LENGTH = 1 << 20;

    /**
     * Anything after the manifest's object (a second object, stray braces) is refused, not ignored;
     * so is a key given twice (which one wins would be a guess), and nesting and number lengths are
     * bounded so a hostile file is refused in constant stack and time.
     */
    static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH).build())
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestReader() {
    }

    /** Reads a manifest whose preprocessing names no scikit-learn files. */
    public static Manifest read(String json, String source) {
        return read(json, source, (file, columns, item) -> {
            item.error("sklearn steps are read from files inside a bundle; load the bundle folder");
            return null;
        });
    }

    /** @param source names the manifest in messages, e.g. {@code clinic-risk/bundle.json} */
    static Manifest read(String json, String source, PreprocessingReader.SklearnResolver sklearn) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException(source + ": not valid JSON" + where(e) + ": " + reason(e));
        }
        ManifestProblems problems = new ManifestProblems();
        ManifestNode node = new ManifestNode(root, "", problems);
        if (root == null || !root.isObject()) {
            throw new InputException(source + ": expected a JSON object at the top level");
        }
        Manifest manifest = readRoot(node, problems, sklearn);
        if (!problems.errors().isEmpty()) {
            throw new InputException(source + ": " + String.join("; ", problems.errors()));
        }
        return manifest;
    }

    private static Manifest readRoot(ManifestNode root, ManifestProblems problems,
                                     PreprocessingReader.SklearnResolver sklearn) {
        root.warnUnknownFields(Set.of("format", "format_version", "name", "version", "description", "model",
                "task", "features", "preprocessing", "rules", "calibration", "reference", "parity"));
        String format = root.field("format").text(null);
        if (format != null && !FORMAT.equals(format)) {
            root.field("format").error("expected \"" + FORMAT + "\", found \"" + format + "\"");
        }
        Double version = root.field("format_version").requiredNumber();
        if (version != null && version != FORMAT_VERSION) {
            root.field("format_version").error("this PredictBench reads version " + FORMAT_VERSION
                    + ", the bundle is version " + formatNumber(version));
        }
        String name = root.field("name").requiredText();
        String bundleVersion = root.field("version").text("0");
        String description = root.field("description").text("");
        TaskSpec task = readTask(root.field("task"));
        ModelSpec model = readModel(root.field("model"), task);
        List<Feature> features = readFeatures(root.field("features"));
        var preprocessing = PreprocessingReader.read(root.field("preprocessing"), features, sklearn);
        features = withImputerFills(features, preprocessing, root.field("features"));
        checkInputs(model, dev.predictbench.bundle.Manifest.flatten(preprocessing), features,
                root.field("model").field("inputs"));
        List<Rule> rules = readRules(root.field("rules"), features);
        double temperature = readTemperature(root.field("calibration"));
        String reference = null;
        ManifestNode referenceNode = root.field("reference");
        if (referenceNode.isPresent() && referenceNode.requireObject()) {
            referenceNode.warnUnknownFields(Set.of("file"));
            reference = referenceNode.field("file").requiredText();
        }
        return new Manifest(name, bundleVersion, description, model, task, features, preprocessing, rules,
                temperature, reference, readParity(root.field("parity")), problems.warnings());
    }

    private static TaskSpec readTask(ManifestNode node) {
        if (!node.requireObject()) {
            return new TaskSpec(TaskType.REGRESSION, List.of(), null, null);
        }
        node.warnUnknownFields(Set.of("type", "classes", "target", "positive_class"));
        String typeName = node.field("type").requiredText();
        TaskType type = TaskType.REGRESSION;
        if (typeName != null) {
            try {
                type = TaskType.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                node.field("type").error("expected binary, multiclass or regression, found \"" + typeName + "\"");
            }
        }
        List<String> classes = List.of();
        ManifestNode classNode = node.field("classes");
        if (type != TaskType.REGRESSION) {
            classes = classNode.requiredTexts();
            if (type == TaskType.BINARY && classNode.isPresent() && classes.size() != 2) {
                classNode.error("a binary task has 2 classes, found " + classes.size());
            }
            if (type == TaskType.MULTICLASS && classNode.isPresent() && classes.size() < 2) {
                classNode.error("a multiclass task needs at least 2 classes, found " + classes.size());
            }
            if (new HashSet<>(classes).size() != classes.size()) {
                classNode.error("class labels must be unique");
            }
        }
        String target = node.field("target").text(null);
        String positive = node.field("positive_class").text(null);
        if (type == TaskType.BINARY && classes.size() == 2) {
            if (positive == null) {
                positive = classes.get(1);
            } else if (!classes.contains(positive)) {
                node.field("positive_class").error("\"" + positive + "\" is not one of the classes " + classes);
            }
        }
        return new TaskSpec(type, classes, target, positive);
    }

    private static ModelSpec readModel(ManifestNode node, TaskSpec task) {
        if (!node.requireObject()) {
            return new ModelSpec(null, null, ModelOutput.LOGITS, Quantization.NONE, List.of());
        }
        node.warnUnknownFields(Set.of("file", "sha256", "output", "quantization", "inputs"));
        String file = node.field("file").requiredText();
        String sha = node.field("sha256").text(null);
        if (sha != null && !sha.matches("[0-9a-fA-F]{64}")) {
            node.field("sha256").error("expected 64 hexadecimal digits");
        }
        ModelOutput fallback = task.isClassification() ? ModelOutput.LOGITS : ModelOutput.VALUE;
        String outputName = node.field("output").text(fallback.manifestName());
        ModelOutput output = fallback;
        try {
            output = ModelOutput.valueOf(outputName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.field("output").error("expected logits, probabilities or value, found \"" + outputName + "\"");
        }
        if (task.isClassification() == (output == ModelOutput.VALUE)) {
            node.field("output").error("\"" + output.manifestName() + "\" does not fit a "
                    + task.type().manifestName() + " task");
        }
        Quantization quantization = readQuantization(node.field("quantization"));
        List<ModelInput> inputs = readInputs(node.field("inputs"));
        if (!inputs.isEmpty() && quantization.quantizesInput()) {
            node.field("inputs").error("a model with several inputs cannot also take int8-quantized input");
        }
        return new ModelSpec(file, sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT), output,
                quantization, inputs);
    }

    private static List<ModelInput> readInputs(ManifestNode node) {
        List<ModelInput> inputs = new ArrayList<>();
        if (!node.isPresent()) {
            return inputs;
        }
        for (ManifestNode item : node.requiredItems()) {
            if (!item.requireObject()) {
                continue;
            }
            item.warnUnknownFields(Set.of("name", "width", "dtype"));
            String name = item.field("name").text("input" + inputs.size());
            Double width = item.field("width").requiredNumber();
            String dtype = item.field("dtype").text("float32");
            if (!Set.of("float32", "int64").contains(dtype)) {
                item.field("dtype").error("expected float32 or int64, found \"" + dtype + "\"");
            }
            if (width != null && (width != Math.rint(width) || width < 1)) {
                item.field("width").error("expected a whole number of columns >= 1");
            } else if (width != null) {
                inputs.add(new ModelInput(name, width.intValue(), dtype.equals("int64")));
            }
        }
        return inputs;
    }

    /**
     * The inputs must cover the preprocessed row exactly, and an int64 input may only take
     * values that are whole numbers by construction (category indices, 0/1 indicators, integer
     * features passed through): casting anything else would truncate it silently.
     */
    private static void checkInputs(ModelSpec model, List<PreprocessStep> steps, List<Feature> features,
                                    ManifestNode node) {
        if (model.inputs().isEmpty()) {
            return;
        }
        int width = steps.stream().mapToInt(PreprocessStep::width).sum();
        int declared = model.inputs().stream().mapToInt(ModelInput::width).sum();
        if (declared != width) {
            node.error("the inputs' widths add up to " + declared + ", the preprocessing produces " + width);
            return;
        }
        Map<String, FeatureType> types = new HashMap<>();
        features.forEach(f -> types.put(f.name(), f.type()));
        int start = 0;
        for (ModelInput input : model.inputs()) {
            int end = start + input.width();
            int at = 0;
            for (PreprocessStep step : steps) {
                boolean overlaps = at < end && at + step.width() > start;
                if (input.int64() && overlaps && !wholeNumbers(step, types)) {
                    node.error("input \"" + input.name() + "\" is int64 but takes the output of a " + step.op()
                            + " step on " + step.columns() + "; an int64 input takes category indices (ordinal),"
                            + " one_hot indicators or integer features passed through");
                }
                at += step.width();
            }
            start = end;
        }
    }

    private static boolean wholeNumbers(PreprocessStep step, Map<String, FeatureType> types) {
        if (step instanceof dev.predictbench.preprocess.Ordinal || step instanceof dev.predictbench.preprocess.OneHot) {
            return true;
        }
        return step instanceof dev.predictbench.preprocess.Passthrough passthrough && passthrough.columns().stream()
                .allMatch(c -> types.get(c) == FeatureType.INTEGER || types.get(c) == FeatureType.BOOLEAN);
    }

    private static Quantization readQuantization(ManifestNode node) {
        if (!node.isPresent() || !node.requireObject()) {
            return Quantization.NONE;
        }
        node.warnUnknownFields(Set.of("scheme", "input_scale", "input_zero_point"));
        String scheme = node.field("scheme").text("none");
        if (!Set.of("none", "dynamic-int8", "static-int8").contains(scheme)) {
            node.field("scheme").error("expected dynamic-int8, static-int8 or none, found \"" + scheme + "\"");
        }
        Double scale = node.field("input_scale").number(null);
        Double zero = node.field("input_zero_point").number(null);
        if (scale != null && !(scale >= Double.MIN_NORMAL)) {
            node.field("input_scale").error("must be > 0 and at least " + Double.MIN_NORMAL + " (subnormal scales"
                    + " overflow), found " + scale);
        }
        if ((scale == null) != (zero == null)) {
            node.error("input_scale and input_zero_point are given together or not at all");
        }
        if (zero != null && (zero != Math.rint(zero) || zero < -128 || zero > 127)) {
            node.field("input_zero_point").error("expected an integer in [-128, 127]");
        }
        return new Quantization(scheme, scale, zero == null ? null : zero.intValue());
    }

    private static List<Feature> readFeatures(ManifestNode node) {
        List<Feature> features = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<ManifestNode> items = node.requiredItems();
        if (node.isPresent() && items.isEmpty()) {
            node.error("at least one feature is required");
        }
        for (ManifestNode item : items) {
            if (!item.requireObject()) {
                continue;
            }
            item.warnUnknownFields(Set.of("name", "type", "min", "max", "values", "missing", "description"));
            String name = item.field("name").requiredText();
            String typeName = item.field("type").requiredText();
            FeatureType type = FeatureType.NUMBER;
            if (typeName != null) {
                type = FeatureType.fromManifestName(typeName).orElse(null);
                if (type == null) {
                    item.field("type").error("expected number, integer, category, text or boolean, found \""
                            + typeName + "\"");
                    type = FeatureType.TEXT;
                }
            }
            Double min = item.field("min").number(null);
            Double max = item.field("max").number(null);
            if (min != null && max != null && min > max) {
                item.error("min " + formatNumber(min) + " is greater than max " + formatNumber(max));
            }
            if ((min != null || max != null) && type != FeatureType.NUMBER && type != FeatureType.INTEGER) {
                item.error("min and max apply to number and integer features only");
            }
            List<String> values = item.field("values").isPresent() ? item.field("values").requiredTexts() : List.of();
            String fill = null;
            ManifestNode missing = item.field("missing");
            if (missing.isPresent() && missing.requireObject()) {
                missing.warnUnknownFields(Set.of("fill"));
                fill = missing.field("fill").scalarText();
                if (fill == null) {
                    missing.field("fill").error("required");
                }
            }
            if (name != null) {
                String earlier = seen.putIfAbsent(name, item.path());
                if (earlier != null) {
                    item.field("name").error("\"" + name + "\" is already declared at " + earlier);
                    continue;
                }
                features.add(new Feature(name, type, min, max, values, fill));
            }
        }
        return features;
    }

    /**
     * A column imputed by a scikit-learn SimpleImputer gets the imputer's value as its fill, so
     * an empty cell is scored as Python scores it; a different fill in the manifest is an error.
     */
    private static List<Feature> withImputerFills(List<Feature> features,
                                                  List<dev.predictbench.preprocess.PreprocessStep> steps,
                                                  ManifestNode node) {
        Map<String, String> fills = new HashMap<>();
        for (var step : steps) {
            if (step instanceof dev.predictbench.preprocess.SklearnStep sklearn) {
                fills.putAll(sklearn.fills());
            }
        }
        if (fills.isEmpty()) {
            return features;
        }
        List<Feature> out = new ArrayList<>();
        for (Feature f : features) {
            String imputed = fills.get(f.name());
            if (imputed != null && f.fill() != null && !sameValue(f.fill(), imputed)) {
                node.error("\"" + f.name() + "\": missing.fill is " + f.fill() + " but the scikit-learn imputer"
                        + " fills " + imputed + "; remove missing.fill or make them agree");
            }
            out.add(imputed == null || f.fill() != null ? f
                    : new Feature(f.name(), f.type(), f.min(), f.max(), f.values(), imputed));
        }
        return out;
    }

    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    private static List<Rule> readRules(ManifestNode node, List<Feature> features) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ManifestNode item : node.items()) {
            if (!item.requireObject()) {
                continue;
            }
            item.warnUnknownFields(Set.of("name", "rule", "message"));
            String name = item.field("name").requiredText();
            String expression = item.field("rule").requiredText();
            String message = item.field("message").text(null);
            if (name != null && !names.add(name)) {
                item.field("name").error("rule \"" + name + "\" is declared twice");
            }
            if (expression != null) {
                RuleSet.problemWith(expression, features).ifPresent(problem -> item.field("rule")
                        .error("invalid expression: " + problem.replace('\n', ' ')));
            }
            if (name != null && expression != null) {
                rules.add(new Rule(name, expression, message == null ? "rule " + name + " does not hold" : message));
            }
        }
        return rules;
    }

    private static ParitySpec readParity(ManifestNode node) {
        if (!node.isPresent() || !node.requireObject()) {
            return null;
        }
        node.warnUnknownFields(Set.of("file", "tolerance"));
        String file = node.field("file").requiredText();
        Double tolerance = node.field("tolerance").number(ParitySpec.DEFAULT_TOLERANCE);
        if (!(tolerance >= 0) || tolerance.isInfinite()) {
            node.field("tolerance").error("must be a finite number >= 0, found " + tolerance);
        }
        return file == null ? null : new ParitySpec(file, tolerance);
    }

    private static double readTemperature(ManifestNode node) {
        if (!node.isPresent() || !node.requireObject()) {
            return 1.0;
        }
        node.warnUnknownFields(Set.of("temperature"));
        Double temperature = node.field("temperature").number(1.0);
        String problem = TemperatureScaling.problem(temperature);
        if (problem != null) {
            node.field("temperature").error(problem);
            return 1.0;
        }
        return temperature;
    }

    private static String where(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Jackson's message in the manifest's terms; a limit's message names the limit, not Jackson's API. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "text follows after the manifest's closing brace; a manifest is one JSON object";
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return message.contains("nesting depth") ? "nested more than " + MAX_DEPTH + " levels deep"
                    : message.contains("Number value length") ? "a number longer than " + MAX_NUMBER_LENGTH
                    + " characters" : message.contains("String value length") ? "a string longer than "
                    + MAX_STRING_LENGTH + " characters" : message.replaceAll(" ?\\(.*StreamReadConstraints.*\\)", "");
        }
        if (message.startsWith("Duplicate field")) {
            return "the key " + message.substring("Duplicate field ".length()).replace('\'', '"')
                    + " appears twice in one object; each key may appear once";
        }
        return message.lines().findFirst().orElse(message);
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
