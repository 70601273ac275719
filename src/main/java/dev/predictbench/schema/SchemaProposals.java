package dev.predictbench.schema;

import dev.predictbench.data.CsvDialect;
import dev.predictbench.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Validation ranges proposed from the training sample: for a number, the observed minimum and
 * maximum; for a category, the values seen. The sample is read with the same cell rules as
 * validation (the file's dialect, pandas' numbers, its missing markers), but against a schema
 * with no ranges, allowed values, fills or rules, so that what is proposed is what the training
 * data held and nothing the current schema already says. Streaming: memory is one row plus the
 * distinct categories, which stop being collected past {@link #MAX_CATEGORIES}.
 */
public final class SchemaProposals {

    /** Beyond this many distinct values a category is free text to the analyst: no list is proposed. */
    public static final int MAX_CATEGORIES = 1_000;

    /**
     * What the sample says of one feature.
     *
     * @param min the observed minimum of a number or integer feature, or null (none seen, or not numeric)
     * @param max the observed maximum, or null
     * @param categories the category values seen, in order of first appearance; empty when there were
     *                   more than {@link #MAX_CATEGORIES} or the feature is not a category
     * @param values the rows with a value for this feature
     * @param missing the rows where it was missing (empty or a missing marker) or not readable as its type
     */
    public record Proposal(String feature, FeatureType type, Double min, Double max, List<String> categories,
                           long values, long missing) {

        public Proposal {
            categories = List.copyOf(categories);
        }

        /** The feature with this proposal's range or categories; its type and fill as they were. */
        public Feature applyTo(Feature feature) {
            return switch (feature.type()) {
                case NUMBER, INTEGER -> new Feature(feature.name(), feature.type(), min, max, feature.values(),
                        feature.fill());
                case CATEGORY -> new Feature(feature.name(), feature.type(), feature.min(), feature.max(),
                        categories.isEmpty() ? feature.values() : categories, feature.fill());
                default -> feature;
            };
        }
    }

    private SchemaProposals() {
    }

    public static List<Proposal> fromSample(Schema schema, Path sample, CsvDialect dialect, BooleanSupplier cancelled) {
        List<Feature> features = schema.features();
        List<Feature> bare = features.stream()
                .map(f -> new Feature(f.name(), f.type(), null, null, List.of(), null)).toList();
        Schema relaxed = new Schema(bare, List.of(), Map.of());
        int n = features.size();
        double[] min = new double[n];
        double[] max = new double[n];
        long[] values = new long[n];
        long[] missing = new long[n];
        List<Set<String>> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            min[i] = Double.POSITIVE_INFINITY;
            max[i] = Double.NEGATIVE_INFINITY;
            seen.add(features.get(i).type() == FeatureType.CATEGORY ? new LinkedHashSet<>() : null);
        }
        try (CsvSource source = CsvSource.open(sample, dialect)) {
            RowValidator validator = RowValidator.bind(relaxed, source.header(), sample.toString(), source.dialect());
            ParsedRow parsed = ParsedRow.forFeatures(n);
            List<ValidationFailure> failures = new ArrayList<>();
            long rows = 0;
            while (source.hasNext()) {
                if ((++rows & 1023) == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("proposing ranges cancelled at row " + rows);
                }
                failures.clear();
                validator.validate(source.next(), parsed, failures);
                for (int i = 0; i < n; i++) {
                    FeatureType type = features.get(i).type();
                    if (type == FeatureType.NUMBER || type == FeatureType.INTEGER) {
                        double v = parsed.numbers()[i];
                        if (Double.isFinite(v) && !failed(failures, features.get(i).name())) {
                            min[i] = Math.min(min[i], v);
                            max[i] = Math.max(max[i], v);
                            values[i]++;
                        } else {
                            missing[i]++;
                        }
                    } else {
                        String text = parsed.texts()[i];
                        if (text == null || failed(failures, features.get(i).name())) {
                            missing[i]++;
                            continue;
                        }
                        values[i]++;
                        Set<String> categories = seen.get(i);
                        if (categories != null && categories.size() <= MAX_CATEGORIES) {
                            categories.add(text);
                        }
                    }
                }
            }
        }
        List<Proposal> proposals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Feature f = features.get(i);
            boolean any = values[i] > 0 && f.type() != FeatureType.CATEGORY && f.type().isNumeric()
                    && f.type() != FeatureType.BOOLEAN;
            Set<String> categories = seen.get(i);
            List<String> proposed = categories == null || categories.size() > MAX_CATEGORIES ? List.of()
                    : List.copyOf(categories);
            proposals.add(new Proposal(f.name(), f.type(), any ? min[i] : null, any ? max[i] : null, proposed,
                    values[i], missing[i]));
        }
        return proposals;
    }

    /** A cell that failed (not a number, a missing value) gives no value, whatever the parser left behind. */
    private static boolean failed(List<ValidationFailure> failures, String feature) {
        for (ValidationFailure failure : failures) {
            if (failure.column().equals(feature)) {
                return true;
            }
        }
        return false;
    }
}
