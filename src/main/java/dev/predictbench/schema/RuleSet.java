package dev.predictbench.schema;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Business rules in CEL, the expression language Kubernetes uses for validation
 * rules: no loops beyond bounded macros, no side effects, no access to anything but
 * the row. Features are variables by name; every feature is also reachable as
 * {@code row['mean radius']}. Compiled once per bundle, evaluated per row.
 */
public final class RuleSet {

    /** The variable that holds every feature by name. */
    public static final String ROW = "row";

    private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while", ROW);

    /**
     * CEL's options and runtime, made on first use: building them is a tenth of a second of a
     * command's start, which a bundle without rules need not pay.
     */
    private static final class Cel {
        static final CelOptions OPTIONS = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(1_000)
                .build();
        static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    }

    private final List<Feature> features;
    private final List<Rule> rules;
    private final List<CelRuntime.Program> programs;
    private final boolean[] isVariable;

    private RuleSet(List<Feature> features, List<Rule> rules, List<CelRuntime.Program> programs) {
        this.features = features;
        this.rules = rules;
        this.programs = programs;
        this.isVariable = new boolean[features.size()];
        for (int i = 0; i < isVariable.length; i++) {
            isVariable[i] = isIdentifier(features.get(i).name());
        }
    }

    /** A feature name that can be written as a bare variable in a rule. */
    public static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    /**
     * Compiles one rule against the features.
     *
     * @return the compiler's message (with line, column and a caret) when the rule is invalid
     */
    public static Optional<String> problemWith(String expression, List<Feature> features) {
        CelValidationResult result = compiler(features).compile(expression);
        return result.hasError() ? Optional.of(result.getErrorString()) : Optional.empty();
    }

    /** Compiles every rule; the manifest reader has already refused invalid ones with their position. */
    public static RuleSet compile(List<Rule> rules, List<Feature> features) {
        if (rules.isEmpty()) {
            return new RuleSet(List.copyOf(features), List.of(), List.of());
        }
        CelCompiler compiler = compiler(features);
        List<CelRuntime.Program> programs = new ArrayList<>();
        for (Rule rule : rules) {
            CelValidationResult result = compiler.compile(rule.expression());
            if (result.hasError()) {
                throw new IllegalArgumentException("rule " + rule.name() + ": " + result.getErrorString());
            }
            try {
                CelAbstractSyntaxTree ast = result.getAst();
                programs.add(Cel.RUNTIME.createProgram(ast));
            } catch (Exception e) {
                throw new IllegalArgumentException("rule " + rule.name() + ": " + e.getMessage(), e);
            }
        }
        return new RuleSet(List.copyOf(features), List.copyOf(rules), List.copyOf(programs));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Evaluates every rule on a row whose cells all parsed; appends one failure per rule that does not hold. */
    public void check(long row, ParsedRow values, List<ValidationFailure> failures) {
        if (rules.isEmpty()) {
            return;
        }
        Map<String, Object> byName = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            byName.put(features.get(i).name(), value(features.get(i), values, i));
        }
        Map<String, Object> activation = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            if (isVariable[i]) {
                activation.put(features.get(i).name(), byName.get(features.get(i).name()));
            }
        }
        activation.put(ROW, byName);
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            try {
                Object result = programs.get(r).eval(activation);
                if (!Boolean.TRUE.equals(result)) {
                    failures.add(new ValidationFailure(row, rule.name(), ValidationLevel.RULE, rule.name(),
                            describe(rule, byName), rule.message()));
                }
            } catch (CelEvaluationException e) {
                failures.add(new ValidationFailure(row, rule.name(), ValidationLevel.RULE, rule.name(),
                        describe(rule, byName), "the rule could not be evaluated: " + e.getMessage()));
            }
        }
    }

    private static Object value(Feature feature, ParsedRow values, int i) {
        return switch (feature.type()) {
            case NUMBER -> values.numbers()[i];
            case INTEGER -> (long) values.numbers()[i];
            case BOOLEAN -> values.numbers()[i] != 0;
            case CATEGORY, TEXT -> values.texts()[i] == null ? "" : values.texts()[i];
        };
    }

    /** The values of the features the rule mentions, e.g. {@code sex=M; pregnant=1}. */
    private String describe(Rule rule, Map<String, Object> byName) {
        StringBuilder text = new StringBuilder();
        for (Feature feature : features) {
            if (rule.expression().contains(feature.name())) {
                if (text.length() > 0) {
                    text.append("; ");
                }
                text.append(feature.name()).append('=').append(byName.get(feature.name()));
            }
        }
        return text.toString();
    }

    private static CelCompiler compiler(List<Feature> features) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(Cel.OPTIONS)
                .setResultType(SimpleType.BOOL)
                .addVar(ROW, MapType.create(SimpleType.STRING, SimpleType.DYN));
        for (Feature feature : features) {
            if (isIdentifier(feature.name())) {
                builder.addVar(feature.name(), celType(feature.type()));
            }
        }
        return builder.build();
    }

    private static CelType celType(FeatureType type) {
        return switch (type) {
            case NUMBER -> SimpleType.DOUBLE;
            case INTEGER -> SimpleType.INT;
            case BOOLEAN -> SimpleType.BOOL;
            case CATEGORY, TEXT -> SimpleType.STRING;
        };
    }
}
