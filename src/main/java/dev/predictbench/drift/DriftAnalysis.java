package dev.predictbench.drift;

import dev.predictbench.bundle.Manifest;
import dev.predictbench.bundle.TaskType;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.FeatureType;
import dev.predictbench.schema.ValidationLevel;
import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How a current file drifts from a reference: per feature and for the model's
 * prediction (positive-class probability, top-class probability, or the regression
 * value), PSI and the two-sample KS test; plus the preprocessing-consistency check of
 * the current file. Each file is scored once. Features are profiled on every row whose
 * cells parse, out-of-range values included (they are drift); the prediction on valid
 * rows only. Text features are not profiled.
 */
public final class DriftAnalysis {

    public static final String PREDICTION = "prediction";

    /** Drift of one column. {@code ks} and {@code pValue} are null for categories. */
    public record ColumnDrift(String name, String kind, double psi, Double ks, Double pValue, boolean drift,
                              String band, long referenceCount, long currentCount) {
    }

    /** The whole comparison; the profiles are kept for the drift view's histograms. */
    public record Report(List<ColumnDrift> features, ColumnDrift prediction, List<ConsistencyCheck.Warning> warnings,
                         long referenceRows, long currentRows, Map<String, ColumnProfile> reference,
                         Map<String, ColumnProfile> current) {
    }

    private DriftAnalysis() {
    }

    public static Report run(Scorer scorer, Path reference, Path current, ScoringProgress.Listener progress,
                             BooleanSupplier cancelled) {
        Manifest manifest = scorer.bundle().manifest();
        Map<String, ColumnProfile> ref = profile(scorer, reference, null, progress, cancelled);
        Map<String, double[]> edges = new LinkedHashMap<>();
        ref.forEach((name, p) -> {
            if (p.isNumeric()) {
                edges.put(name, Psi.decileEdges(p.sample()));
            }
        });
        Map<String, ColumnProfile> cur = profile(scorer, current, edges, progress, cancelled);
        for (var file : List.of(Map.entry(reference, ref), Map.entry(current, cur))) {
            if (file.getValue().values().stream().allMatch(p -> p.count() == 0)) {
                throw new dev.predictbench.InputException(file.getKey() + ": no row whose cells parse; run validate"
                        + " to see why");
            }
        }
        List<ColumnDrift> features = new ArrayList<>();
        ColumnDrift prediction = null;
        for (String name : ref.keySet()) {
            ColumnDrift drift = compare(name, ref.get(name), cur.get(name));
            if (name.equals(PREDICTION)) {
                prediction = drift;
            } else {
                features.add(drift);
            }
        }
        List<ConsistencyCheck.Warning> warnings = ConsistencyCheck.run(manifest, cur, ref,
                current.getFileName().toString());
        return new Report(features, prediction, warnings, rows(ref), rows(cur), ref, cur);
    }

    private static long rows(Map<String, ColumnProfile> profiles) {
        return profiles.values().stream().mapToLong(ColumnProfile::count).max().orElse(0);
    }

    private static ColumnDrift compare(String name, ColumnProfile ref, ColumnProfile cur) {
        if (ref.count() == 0 || cur.count() == 0) {
            return new ColumnDrift(name, ref.isNumeric() ? "number" : "category", Double.NaN, null, null, false,
                    "no data", ref.count(), cur.count());
        }
        if (!ref.isNumeric()) {
            double psi = Psi.categorical(ref.categories(), cur.categories());
            return new ColumnDrift(name, "category", psi, null, null, psi >= Psi.MAJOR, Psi.band(psi), ref.count(),
                    cur.count());
        }
        long[] refCounts = Psi.counts(Psi.decileEdges(ref.sample()), ref.sample());
        double psi = Psi.fromCounts(refCounts, cur.binCounts());
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(ref.sample(), cur.sample());
        return new ColumnDrift(name, "number", psi, ks.statistic(), ks.pValue(), psi >= Psi.MAJOR, Psi.band(psi),
                ref.count(), cur.count());
    }

    /** Scores a file once, collecting a profile per feature and for the prediction. */
    private static Map<String, ColumnProfile> profile(Scorer scorer, Path file, Map<String, double[]> edges,
                                                      ScoringProgress.Listener progress, BooleanSupplier cancelled) {
        Manifest manifest = scorer.bundle().manifest();
        List<Feature> features = manifest.features().stream().filter(f -> f.type() != FeatureType.TEXT).toList();
        Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
        for (Feature f : features) {
            boolean numeric = f.type() == FeatureType.NUMBER || f.type() == FeatureType.INTEGER;
            profiles.put(f.name(), numeric ? ColumnProfile.numeric(edges == null ? null : edges.get(f.name()))
                    : ColumnProfile.categorical());
        }
        profiles.put(PREDICTION, ColumnProfile.numeric(edges == null ? null : edges.get(PREDICTION)));
        int positive = manifest.task().type() == TaskType.BINARY
                ? manifest.task().classes().indexOf(manifest.task().positiveClass()) : -1;
        scorer.score(file, ScoringOptions.defaults(), new ScoredRowSink() {
            private int[] columns;

            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
                columns = features.stream().mapToInt(f -> inputColumns.indexOf(f.name())).toArray();
            }

            @Override
            public void accept(ScoredRow row) {
                if (row.failures().stream().anyMatch(f -> f.level() == ValidationLevel.STRUCTURE)) {
                    return;
                }
                for (int i = 0; i < columns.length; i++) {
                    Feature feature = features.get(i);
                    String cell = row.cells()[columns[i]].strip();
                    if (cell.isEmpty()) {
                        continue; // the fill value says nothing about how the data is distributed
                    }
                    ColumnProfile profile = profiles.get(feature.name());
                    if (profile.isNumeric()) {
                        // Read as validation read it; a filled missing marker ("NA") is no value, as the empty cell.
                        double value = number(cell);
                        if (!Double.isNaN(value)) {
                            profile.add(value);
                        }
                    } else {
                        profile.add(cell);
                    }
                }
                if (row.valid()) {
                    profiles.get(PREDICTION).add(predictionValue(row, positive));
                }
            }
        }, progress, cancelled);
        return profiles;
    }

    /** Cells that passed validation, read by pandas' rules with either decimal mark; NaN for a missing marker. */
    static double number(String cell) {
        try {
            return EITHER_DECIMAL_MARK.parseNumber(cell);
        } catch (NumberFormatException missing) {
            return Double.NaN;
        }
    }

    private static final dev.predictbench.data.CsvDialect EITHER_DECIMAL_MARK =
            dev.predictbench.data.CsvDialect.AUTO.withDecimalComma(true);

    private static double predictionValue(ScoredRow row, int positive) {
        double[] p = row.probabilities();
        if (p.length == 0) {
            return Double.parseDouble(row.prediction());
        }
        if (positive >= 0) {
            return p[positive];
        }
        double top = 0;
        for (double q : p) {
            top = Math.max(top, q);
        }
        return top;
    }
}
