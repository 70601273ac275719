package dev.predictbench.drift;

import dev.predictbench.bundle.Manifest;
import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.Standardize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares each numeric column of a user's file with the statistics the bundle's
 * preprocessing was fitted on, to catch the classic hand-over mistakes: a column
 * that was already scaled (and will be scaled twice), a column in other units (mm
 * instead of m), a constant column (a placeholder, or an export that lost the data).
 */
public final class ConsistencyCheck {

    /** One suspicious column, with what to do about it. */
    public record Warning(String feature, String kind, String message, String advice) {
    }

    private ConsistencyCheck() {
    }

    /**
     * @param reference profiles of the training sample, for the statistics the manifest does not
     *                  hold (a min-max column's mean and spread); may be empty
     */
    public static List<Warning> run(Manifest manifest, Map<String, ColumnProfile> file,
                                    Map<String, ColumnProfile> reference, String fileName) {
        List<Warning> warnings = new ArrayList<>();
        for (PreprocessStep step : manifest.allSteps()) {
            for (int i = 0; i < step.columns().size(); i++) {
                String name = step.columns().get(i);
                ColumnProfile profile = file.get(name);
                if (profile == null || !profile.isNumeric() || profile.count() < 2) {
                    continue;
                }
                if (step instanceof Standardize s) {
                    check(warnings, name, profile, reference.get(name), fileName, s.mean()[i], s.scale()[i], 0, 1);
                } else if (step instanceof MinMax m) {
                    double span = m.max()[i] - m.min()[i];
                    ColumnProfile training = reference.get(name);
                    boolean known = training != null && training.count() > 1 && training.std() > 0;
                    // Without a reference sample, assume values spread evenly over the training range.
                    double mean = known ? training.mean() : (m.min()[i] + m.max()[i]) / 2;
                    double std = known ? training.std() : span / Math.sqrt(12);
                    double factor = (m.rangeHigh() - m.rangeLow()) / (span == 0 ? 1 : span);
                    check(warnings, name, profile, training, fileName, mean, std,
                            m.rangeLow() + (mean - m.min()[i]) * factor, std * factor);
                }
            }
        }
        return warnings;
    }

    private static void check(List<Warning> warnings, String name, ColumnProfile profile, ColumnProfile training,
                              String fileName, double trainCenter, double trainSpread, double scaledCenter,
                              double scaledSpread) {
        double center = profile.mean();
        double spread = profile.std();
        if (spread == 0) {
            if (!variedInTraining(training, center)) {
                return;
            }
            warnings.add(new Warning(name, "constant", String.format("%s is constant (%s) in %s; in training it"
                    + " varied (spread %.4g)", name, number(center), fileName, trainSpread),
                    "check that the column was exported with its real values, not a placeholder"));
            return;
        }
        boolean looksScaled = Math.abs(center - scaledCenter) < 0.2 * scaledSpread
                && Math.abs(spread / scaledSpread - 1) < 0.2;
        boolean trainingWasNot = Math.abs(trainCenter - scaledCenter) > 2 * scaledSpread
                || Math.abs(trainSpread / scaledSpread - 1) > 0.5;
        if (looksScaled && trainingWasNot) {
            warnings.add(new Warning(name, "already_scaled", String.format("%s looks already scaled in %s (mean %.3g,"
                    + " std %.3g) while training saw mean %.4g, std %.4g", name, fileName, center, spread, trainCenter,
                    trainSpread), "give PredictBench the raw values: the bundle scales them itself, so they would be"
                    + " scaled twice"));
            return;
        }
        double decades = Math.log10(spread / trainSpread);
        long nearest = Math.round(decades);
        if (nearest != 0 && Math.abs(decades - nearest) < 0.2) {
            warnings.add(new Warning(name, "units", String.format("%s varies about 10^%d times %s than in training"
                    + " (std %.4g vs %.4g), as if in other units", name, Math.abs(nearest),
                    nearest > 0 ? "more" : "less", spread, trainSpread),
                    "convert the column to the units the model was trained on"));
        }
    }

    /**
     * Whether a column constant in the file really varied in training: at least 5% of the
     * reference sample differs from the file's value. Without a reference, trust the manifest.
     */
    private static boolean variedInTraining(ColumnProfile training, double value) {
        if (training == null || training.count() == 0) {
            return true;
        }
        double[] sample = training.sample();
        long different = java.util.Arrays.stream(sample).filter(v -> v != value).count();
        return different >= 0.05 * sample.length;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
