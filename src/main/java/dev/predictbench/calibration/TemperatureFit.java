package dev.predictbench.calibration;

/**
 * The fitted temperature.
 *
 * @param atBound true when the optimum lies at or beyond a limit of [0.01, 100] (for
 *                example a validation set the model separates perfectly, whose NLL keeps
 *                falling as T shrinks); the temperature is then that limit
 */
public record TemperatureFit(double temperature, int iterations, boolean converged, boolean atBound) {
}
