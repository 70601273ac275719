package dev.predictbench.cli;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.drift.ConsistencyCheck;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.scoring.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compares a current file with a reference (default: the bundle's reference sample), per feature"
                + " and for the prediction: PSI (PSI >= 0.25 is flagged as drift; 0.1 and 0.25 are conventional"
                + " bands) and the two-sample Kolmogorov-Smirnov test; and checks the current file's columns against"
                + " the training statistics.")
final class DriftCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--reference", paramLabel = "REF.csv", description = "the reference rows (default: the bundle's)")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "CUR.csv", description = "the rows to compare")
    Path current;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        Bundle bundle = BundleLoader.load(bundlePath);
        Path ref = reference != null ? reference : bundle.referenceFile().orElseThrow(() -> new InputException(
                bundle.source() + ": the bundle has no reference sample; give --reference REF.csv"));
        DriftAnalysis.Report report;
        try (Scorer scorer = device.open(bundle)) {
            report = DriftAnalysis.run(scorer, ref, current, p -> { }, () -> false);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("features", report.features().stream().map(DriftCommand::toJson).toList());
            result.put("prediction", toJson(report.prediction()));
            result.put("reference_rows", report.referenceRows());
            result.put("current_rows", report.currentRows());
            result.put("warnings", report.warnings().stream().map(DriftCommand::toJson).toList());
            out.println(JsonOutput.of(result));
            return Cli.OK;
        }
        line(out, "%s (%,d rows) against %s (%,d rows)", current.getFileName(), report.currentRows(),
                ref.getFileName(), report.referenceRows());
        line(out, "%-28s %8s %8s %10s  %s", "column", "PSI", "KS", "p-value", "shift");
        report.features().forEach(d -> printRow(out, d));
        printRow(out, report.prediction());
        for (ConsistencyCheck.Warning w : report.warnings()) {
            line(out, "%s", "Warning: " + w.message() + ". " + capitalise(w.advice()) + ".");
        }
        return Cli.OK;
    }

    private static void printRow(PrintWriter out, DriftAnalysis.ColumnDrift d) {
        line(out, "%-28s %8.4f %8s %10s  %s%s", d.name(), d.psi(), d.ks() == null ? "-" : String.format("%.4f", d.ks()),
                d.pValue() == null ? "-" : String.format("%.2g", d.pValue()), d.band(), d.drift() ? "  DRIFT" : "");
    }

    private static Map<String, Object> toJson(DriftAnalysis.ColumnDrift d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", d.name());
        json.put("kind", d.kind());
        json.put("psi", d.psi());
        json.put("ks", d.ks());
        json.put("p_value", d.pValue());
        json.put("drift", d.drift());
        json.put("psi_band", d.band());
        return json;
    }

    private static Map<String, Object> toJson(ConsistencyCheck.Warning w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("feature", w.feature());
        json.put("kind", w.kind());
        json.put("message", w.message());
        json.put("advice", w.advice());
        return json;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** One line of bundle or file text: control characters and newlines inside it escaped (Printable). */
    private static void line(PrintWriter out, String format, Object... args) {
        out.println(Printable.escape(String.format(format, args)));
    }
}
