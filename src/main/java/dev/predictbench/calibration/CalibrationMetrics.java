package dev.predictbench.calibration;

import java.util.List;

/**
 * Calibration quality at one temperature, as docs/cli.md defines it: mean negative
 * log-likelihood (natural log), expected and maximum calibration error over 15
 * equal-width bins of top-label confidence, Brier score and accuracy.
 */
public record CalibrationMetrics(double temperature, double nll, double ece, double mce, double brier,
                                 double accuracy, double meanEntropy, List<ReliabilityBin> bins) {
}
