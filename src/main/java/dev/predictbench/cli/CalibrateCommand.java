package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.bundle.BundleWriter;
import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.calibration.Calibrator;
import dev.predictbench.calibration.TemperatureFit;
import dev.predictbench.drift.LeakageCheck;
import dev.predictbench.scoring.LabelledScoring;
import dev.predictbench.scoring.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fits the temperature T > 0 that minimises the mean NLL of the labels in a validation file and"
                + " reports NLL, ECE, MCE, Brier and accuracy before (T = 1) and after.")
final class CalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--validation", required = true, paramLabel = "LABELLED.csv",
            description = "rows with the features and the true class")
    Path validation;

    @Option(names = "--target", paramLabel = "COLUMN", description = "the label column (default: the bundle's target)")
    String target;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--save", paramLabel = "NEW_BUNDLE",
            description = "write a copy of the bundle with the fitted temperature and a new version")
    Path save;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        if (save != null) {
            BundleWriter.refuseExisting(save, "calibrated");
        }
        Bundle bundle = BundleLoader.load(bundlePath);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), quiet || json);
        LabelledScoring.Result labelled;
        try (Scorer scorer = device.open(bundle)) {
            labelled = LabelledScoring.collect(scorer, validation, target, progress, () -> false);
        }
        progress.finish(String.format("%,d labelled rows", labelled.logits().rows()));
        Calibrator calibrator = new Calibrator(labelled.logits());
        TemperatureFit fit = calibrator.fit();
        CalibrationMetrics before = calibrator.metrics(1.0);
        CalibrationMetrics after = calibrator.metrics(fit.temperature());
        List<String> warnings = new ArrayList<>();
        if (labelled.skippedInvalid() > 0) {
            warnings.add(String.format("%,d rows failed validation and were left out; run validate to see why",
                    labelled.skippedInvalid()));
        }
        if (fit.atBound()) {
            warnings.add("the best temperature lies at the limit " + fit.temperature() + " of [0.01, 100]: the"
                    + " validation set is separated perfectly or predicted perfectly wrong; use more or other rows");
        }
        LeakageCheck.run(bundle, validation).flatMap(r -> r.warning(validation)).ifPresent(warnings::add);
        Bundle saved = save == null ? null : BundleWriter.withTemperature(bundle, fit.temperature(), save);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("temperature", fit.temperature());
            result.put("rows", labelled.logits().rows());
            result.put("bins", Calibrator.BINS);
            result.put("before", metrics(before, calibrator));
            result.put("after", metrics(after, calibrator));
            result.put("fit", Map.of("converged", fit.converged(), "at_bound", fit.atBound(),
                    "iterations", fit.iterations()));
            result.put("skipped_invalid_rows", labelled.skippedInvalid());
            result.put("target", labelled.target());
            result.put("warnings", warnings);
            if (saved != null) {
                result.put("saved", Map.of("path", save.toString(), "version", saved.manifest().version()));
            }
            out.println(JsonOutput.of(result));
        } else {
            out.printf("Temperature: %.4f (fitted on %,d rows of %s, column \"%s\")%n", fit.temperature(),
                    labelled.logits().rows(), validation.getFileName(), labelled.target());
            out.printf("%-10s %10s %10s%n", "", "before", "after");
            row(out, "NLL", before.nll(), after.nll());
            row(out, "ECE", before.ece(), after.ece());
            row(out, "MCE", before.mce(), after.mce());
            row(out, "Brier", before.brier(), after.brier());
            row(out, "accuracy", before.accuracy(), after.accuracy());
            warnings.forEach(w -> out.println("Warning: " + w));
            if (saved != null) {
                out.println("Saved " + saved.title() + " with T = " + String.format(java.util.Locale.ROOT, "%.4f", fit.temperature()) + " to " + save);
            }
        }
        return Cli.OK;
    }

    private static Map<String, Object> metrics(CalibrationMetrics m, Calibrator calibrator) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nll", m.nll());
        json.put("ece", m.ece());
        json.put("mce", m.mce());
        json.put("brier", m.brier());
        json.put("accuracy", m.accuracy());
        json.put("ece_ci95", calibrator.eceInterval(m.temperature(), 200, 0.95, 1));
        return json;
    }

    private static void row(PrintWriter out, String name, double before, double after) {
        out.printf("%-10s %10.4f %10.4f%n", name, before, after);
    }
}
