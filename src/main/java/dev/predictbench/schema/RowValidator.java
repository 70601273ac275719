package dev.predictbench.schema;

import dev.predictbench.InputException;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.data.DataRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one CSV row against the schema (structure and range levels) and fills a
 * {@link ParsedRow} with typed values. Bound once to a file's header; then called
 * per row on the hot path, so it allocates only when a row fails.
 */
public final class RowValidator {

    private final Feature[] features;
    private final int[] columnOf;
    private final int headerWidth;
    private final Set<String>[] allowed;
    private final List<String>[] trained;
    private final CategoryIndex[] trainedSet;
    private final RuleSet rules;
    private final CsvDialect dialect;
    /** Number features whose cells may be read from a row's bytes ('.' as the decimal mark, as in those rows). */
    private final boolean[] numberFromBytes;
    /** Each feature's bounds (infinite when it has none) and whether it must be whole: read per cell, so kept flat. */
    private final double[] lowest;
    private final double[] highest;
    private final boolean[] whole;

    @SuppressWarnings("unchecked")
    private RowValidator(Schema schema, int[] columnOf, int headerWidth, CsvDialect dialect) {
        this.dialect = dialect;
        this.features = schema.features().toArray(Feature[]::new);
        this.columnOf = columnOf;
        this.headerWidth = headerWidth;
        this.allowed = new Set[features.length];
        this.trained = new List[features.length];
        this.trainedSet = new CategoryIndex[features.length];
        this.numberFromBytes = new boolean[features.length];
        this.lowest = new double[features.length];
        this.highest = new double[features.length];
        this.whole = new boolean[features.length];
        for (int i = 0; i < features.length; i++) {
            FeatureType type = features[i].type();
            lowest[i] = features[i].min() == null ? Double.NEGATIVE_INFINITY : features[i].min();
            highest[i] = features[i].max() == null ? Double.POSITIVE_INFINITY : features[i].max();
            whole[i] = type == FeatureType.INTEGER;
            numberFromBytes[i] = (type == FeatureType.NUMBER || type == FeatureType.INTEGER) && !dialect.readsDecimalComma();
            allowed[i] = features[i].values().isEmpty() ? null : new HashSet<>(features[i].values());
            trained[i] = schema.encodedCategories().get(features[i].name());
            trainedSet[i] = trained[i] == null ? null : new CategoryIndex(trained[i]);
        }
        this.rules = RuleSet.compile(schema.rules(), schema.features());
    }

    /**
     * Finds each feature in the header (any order; extra columns are carried along).
     * A header that lacks features makes the file unusable.
     */
    public static RowValidator bind(Schema schema, List<String> header, String source) {
        return bind(schema, header, source, CsvDialect.AUTO);
    }

    /** Binds for a file written the given way: its missing markers and decimal mark. */
    public static RowValidator bind(Schema schema, List<String> header, String source, CsvDialect dialect) {
        List<Feature> features = schema.features();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            position.putIfAbsent(header.get(i), i);
        }
        List<String> missing = new ArrayList<>();
        int[] columnOf = new int[features.size()];
        for (int i = 0; i < columnOf.length; i++) {
            Integer column = position.get(features.get(i).name());
            if (column == null) {
                missing.add(features.get(i).name());
            } else {
                columnOf[i] = column;
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(source + ": header lacks " + missing.size() + " of the model's "
                    + features.size() + " features: " + quoteList(missing, 8));
        }
        return new RowValidator(schema, columnOf, header.size(), dialect);
    }

    /**
     * Validates the row at all three levels and fills {@code out}; failures are appended to
     * {@code failures}. Rules run only on rows whose cells all parsed.
     *
     * @return true when the row passed every check
     */
    public boolean validate(long row, String[] cells, ParsedRow out, List<ValidationFailure> failures) {
        return validate(new DataRow(row, cells), out, failures);
    }

    /**
     * Validates the row at all three levels and fills {@code out}; failures are appended to
     * {@code failures}. A number cell of a row kept as bytes is read from its bytes; only a
     * cell that is not a valid number becomes text (for its message, a missing marker, a fill).
     */
    public boolean validate(DataRow data, ParsedRow out, List<ValidationFailure> failures) {
        int before = failures.size();
        long row = data.row();
        int count = data.cellCount();
        if (count != headerWidth) {
            failures.add(new ValidationFailure(row, "", ValidationLevel.STRUCTURE, "row:cells",
                    Integer.toString(count), "the row has " + count + " cells, the header has " + headerWidth));
        }
        for (int i = 0; i < features.length; i++) {
            int column = columnOf[i];
            if (column < count && numberFromBytes[i]) {
                double number = data.number(column);
                if (numberPasses(i, number)) {
                    out.numbers()[i] = number;
                    continue;
                }
            }
            checkCell(row, i, column < count ? data.cell(column) : null, out, failures);
        }
        if (!rules.isEmpty() && noStructureFailureSince(failures, before)) {
            rules.check(row, out, failures);
        }
        return failures.size() == before;
    }

    private void checkCell(long row, int i, String cell, ParsedRow out, List<ValidationFailure> failures) {
        Feature feature = features[i];
        if (cell == null) {
            // A short row: the cell is absent, already reported as row:cells.
            out.numbers()[i] = Double.NaN;
            out.texts()[i] = null;
            return;
        }
        String text = cell.strip();
        boolean numeric = feature.type() == FeatureType.NUMBER || feature.type() == FeatureType.INTEGER;
        // Numbers are parsed first: no missing marker reads as a finite number, and most cells are numbers.
        // The cell as it is: pandas allows ASCII blanks around a number and nothing else (no U+00A0, U+2003).
        double number = numeric ? parseOrNaN(cell) : Double.NaN;
        if (Double.isFinite(number)) {
            out.numbers()[i] = number;
            checkNumber(row, i, number, cell, failures);
            return;
        }
        // pandas matches missing markers in a number column exactly: " NA" and "  " are text to it, not NaN.
        if (feature.type() != FeatureType.TEXT && dialect.isMissing(numeric ? cell : text)) {
            if (feature.fill() == null) {
                failures.add(failure(row, feature, ValidationLevel.STRUCTURE, "missing", cell,
                        text.isEmpty() ? "the cell is empty and the bundle gives no fill value"
                                : "\"" + text + "\" marks a missing value and the bundle gives no fill value"));
                out.numbers()[i] = Double.NaN;
                out.texts()[i] = null;
                return;
            }
            text = feature.fill();
        } else if (numeric) {
            text = cell;
        }
        switch (feature.type()) {
            case NUMBER, INTEGER -> parseNumber(row, i, text, cell, out, failures);
            case BOOLEAN -> parseBoolean(row, i, text, cell, out, failures);
            case CATEGORY -> {
                out.texts()[i] = text;
                if (allowed[i] != null && !allowed[i].contains(text)) {
                    failures.add(failure(row, feature, ValidationLevel.RANGE, "values", cell,
                            "\"" + text + "\" is not a known category; expected one of "
                                    + quoteList(feature.values(), 10)));
                } else if (trainedSet[i] != null && !trainedSet[i].contains(text)) {
                    failures.add(failure(row, feature, ValidationLevel.RANGE, "categories", cell,
                            "\"" + text + "\" was not seen in training; the model knows "
                                    + quoteList(trained[i], 10)));
                }
            }
            case TEXT -> out.texts()[i] = cell;
        }
    }

    private static boolean noStructureFailureSince(List<ValidationFailure> failures, int from) {
        for (int i = from; i < failures.size(); i++) {
            if (failures.get(i).level() == ValidationLevel.STRUCTURE) {
                return false;
            }
        }
        return true;
    }

    private double parseOrNaN(String text) {
        try {
            return dialect.parseNumber(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void parseNumber(long row, int i, String text, String cell, ParsedRow out,
                             List<ValidationFailure> failures) {
        Feature feature = features[i];
        double value;
        try {
            value = dialect.parseNumber(text);
        } catch (NumberFormatException e) {
            failures.add(failure(row, feature, ValidationLevel.STRUCTURE, "type", cell,
                    "expected " + (feature.type() == FeatureType.INTEGER ? "an integer" : "a number")
                            + ", found \"" + cell + "\""));
            out.numbers()[i] = Double.NaN;
            return;
        }
        out.numbers()[i] = value;
        checkNumber(row, i, value, cell, failures);
    }

    /** Whether {@link #checkNumber} would find nothing wrong with the value. */
    private boolean numberPasses(int i, double value) {
        return Double.isFinite(value) && value >= lowest[i] && value <= highest[i]
                && (!whole[i] || value == Math.rint(value));
    }

    /** Finite, whole for integers, within min and max. */
    private void checkNumber(long row, int i, double value, String cell, List<ValidationFailure> failures) {
        Feature feature = features[i];
        if (!Double.isFinite(value)) {
            failures.add(failure(row, feature, ValidationLevel.STRUCTURE, "finite", cell,
                    "expected a finite number, found " + cell));
            return;
        }
        if (feature.type() == FeatureType.INTEGER && value != Math.rint(value)) {
            failures.add(failure(row, feature, ValidationLevel.STRUCTURE, "type", cell,
                    "expected an integer, found " + cell));
            return;
        }
        if (feature.min() != null && value < feature.min()) {
            failures.add(failure(row, feature, ValidationLevel.RANGE, "min", cell,
                    cell + " is below the minimum " + feature.describeRange()));
        } else if (feature.max() != null && value > feature.max()) {
            failures.add(failure(row, feature, ValidationLevel.RANGE, "max", cell,
                    cell + " is above the maximum " + feature.describeRange()));
        }
    }

    private void parseBoolean(long row, int i, String text, String cell, ParsedRow out,
                              List<ValidationFailure> failures) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> out.numbers()[i] = 1;
            case "false", "0" -> out.numbers()[i] = 0;
            default -> {
                out.numbers()[i] = Double.NaN;
                failures.add(failure(row, features[i], ValidationLevel.STRUCTURE, "type", cell,
                        "expected true, false, 1 or 0, found \"" + cell + "\""));
            }
        }
    }

    private static ValidationFailure failure(long row, Feature feature, ValidationLevel level, String constraint,
                                             String value, String message) {
        return new ValidationFailure(row, feature.name(), level, feature.name() + ":" + constraint, value, message);
    }

    static String quoteList(List<String> names, int limit) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(limit, names.size()); i++) {
            text.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
        }
        if (names.size() > limit) {
            text.append(" and ").append(names.size() - limit).append(" more");
        }
        return text.toString();
    }
}
