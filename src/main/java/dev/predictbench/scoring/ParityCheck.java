package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.ParitySpec;
import dev.predictbench.inference.DeviceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bundle's parity certificate, checked: its rows go through the whole Java path
 * (reading, validation, preprocessing, the model, the output function) at temperature 1,
 * and every output must equal what the training stack wrote beside them. This is what
 * catches a transcription slip, a changed scaler or a double softmax before any user
 * row is scored.
 */
public final class ParityCheck {

    /** A parity file that reproduces: how many rows, and the largest difference seen. */
    public record Result(String file, long rows, double maxDifference, double tolerance) {

        /** "parity: 200 rows reproduce the training stack, max |difference| 3.0e-08". */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "parity: %d rows reproduce the training stack, max |difference| %.1e (tolerance %.0e)",
                    rows, maxDifference, tolerance);
        }
    }

    /** The refusal: a row whose output differs from the training stack's. */
    public static final class Mismatch extends InputException {
        Mismatch(String message) {
            super(message);
        }
    }

    private ParityCheck() {
    }

    /** Checks the bundle's parity rows with the scorer; empty when the bundle carries none. */
    static Optional<Result> run(Scorer scorer) {
        Bundle bundle = scorer.bundle();
        ParitySpec spec = bundle.manifest().parity();
        if (spec == null) {
            return Optional.empty();
        }
        Path file = bundle.parityFile().orElseThrow();
        Comparison comparison = new Comparison(file, spec.tolerance(), bundle.manifest().task().classes());
        scorer.score(file, new ScoringOptions(DeviceChoice.CPU, ScoringOptions.DEFAULT_BATCH_SIZE, 1.0,
                InvalidRows.KEEP), comparison, progress -> { }, () -> false);
        if (comparison.failure != null) {
            throw new Mismatch(comparison.failure);
        }
        if (comparison.rows == 0) {
            throw new Mismatch(file + ": the parity file has no rows; it must hold rows with the training stack's"
                    + " outputs");
        }
        return Optional.of(new Result(spec.file(), comparison.rows, comparison.max, spec.tolerance()));
    }

    /** Compares each scored row with the expected cells of the same row, stopping at the first difference. */
    private static final class Comparison implements ScoredRowSink {
        private final Path file;
        private final double tolerance;
        private final List<String> classes;
        private final List<String> expectedColumns = new ArrayList<>();
        private int[] expectedIndex;
        private long rows;
        private double max;
        private volatile String failure;

        Comparison(Path file, double tolerance, List<String> classes) {
            this.file = file;
            this.tolerance = tolerance;
            this.classes = classes;
        }

        @Override
        public void begin(List<String> inputColumns, OutputLayout layout) {
            if (classes.isEmpty()) {
                expectedColumns.add("prediction");
            } else {
                classes.forEach(c -> expectedColumns.add("p_" + c));
            }
            List<String> absent = expectedColumns.stream().filter(c -> !inputColumns.contains(c)).toList();
            if (!absent.isEmpty()) {
                throw new InputException(file + ": the parity file lacks the training stack's outputs " + absent
                        + "; it holds the input columns and, per row, " + (classes.isEmpty()
                        ? "the prediction" : "p_<class> for every class"));
            }
            expectedIndex = expectedColumns.stream().mapToInt(inputColumns::indexOf).toArray();
        }

        @Override
        public void accept(ScoredRow row) {
            if (failure != null) {
                return;
            }
            if (!row.valid()) {
                var first = row.failures().get(0);
                failure = file + ": row " + row.row() + ", column \"" + first.column() + "\": " + first.message()
                        + "; every parity row must be valid for the bundle's schema";
                return;
            }
            for (int k = 0; k < expectedIndex.length; k++) {
                String column = expectedColumns.get(k);
                String cell = expectedIndex[k] < row.cells().length ? row.cells()[expectedIndex[k]].strip() : "";
                double expected;
                try {
                    expected = dev.predictbench.data.CsvDialect.AUTO.parseNumber(cell);
                } catch (NumberFormatException e) {
                    failure = file + ": row " + row.row() + ", column \"" + column + "\": expected a number from the"
                            + " training stack, found \"" + cell + "\"";
                    return;
                }
                double actual = classes.isEmpty() ? Double.parseDouble(row.prediction()) : row.probabilities()[k];
                double difference = Math.abs(actual - expected);
                if (!(difference <= tolerance)) {
                    failure = String.format(java.util.Locale.ROOT, "%s: row %d, column \"%s\": the training stack"
                            + " computed %s, PredictBench computes %s (|difference| %.2e > tolerance %.0e); the"
                            + " bundle's preprocessing or model does not reproduce training, so it is not used",
                            file, row.row(), column, cell, Double.toString(actual), difference, tolerance);
                    return;
                }
                max = Math.max(max, difference);
            }
            rows++;
        }
    }
}
