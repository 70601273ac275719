package dev.predictbench.report;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.schema.ValidationSummary;
import dev.predictbench.scoring.ParityCheck;
import dev.predictbench.uncertainty.Histogram;
import dev.predictbench.uncertainty.UncertaintySummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a report shows, computed by the same engine code as the commands, so its
 * numbers are theirs: the model card, validation, predictions and, when available,
 * calibration, MC-dropout uncertainty and drift against the bundle's reference.
 */
public record ReportData(Bundle bundle, Optional<ParityCheck.Result> parity, String device, Path data,
                         ValidationSummary validation, Predictions predictions, Calibration calibration,
                         Uncertainty uncertainty, DriftAnalysis.Report drift, Instant created) {

    /**
     * @param histograms per class, the distribution of p_class over valid rows (regression: one, of the values)
     * @param predicted rows per predicted class (regression: empty)
     * @param confidence the distribution of the top class's probability (regression: null)
     */
    public record Predictions(long rows, long invalid, List<String> classes, List<Histogram> histograms,
                              Map<String, Long> predicted, Histogram confidence) {
    }

    /** Temperature scaling fitted on a labelled file: metrics at T = 1 and at the fitted T. */
    public record Calibration(Path file, String target, long rows, long skippedInvalid, double temperature,
                              CalibrationMetrics before, CalibrationMetrics after) {
    }

    public record Uncertainty(int passes, long seed, UncertaintySummary summary) {
    }
}
