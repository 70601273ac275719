package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.OutputFiles;
import dev.predictbench.schema.FailureReportWriter;
import dev.predictbench.schema.FileValidator;
import dev.predictbench.schema.ValidationFailure;
import dev.predictbench.schema.ValidationLevel;
import dev.predictbench.schema.ValidationSummary;
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

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks every row of a CSV file at three levels: structure (columns, types), range"
                + " (min/max, known categories) and business rules. Exit 1 with --fail-on-invalid when a row fails.")
final class ValidateCommand implements Callable<Integer> {

    private static final int SHOWN_FAILURES = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "the CSV file to check")
    Path input;

    @Option(names = "--report", paramLabel = "FAILURES.csv",
            description = "write one line per failure: row,column,level,check,value,message")
    Path report;

    @Option(names = "--json", description = "print the counts as JSON")
    boolean json;

    @Option(names = "--fail-on-invalid", description = "exit 1 when any row fails")
    boolean failOnInvalid;

    @CommandLine.Mixin
    CsvOptions csv;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Bundle bundle = BundleLoader.load(bundlePath);
        if (report != null) {
            OutputFiles.check(report, Inputs.of(bundle, input));
        }
        List<ValidationFailure> shown = new ArrayList<>();
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), quiet || json);
        ValidationSummary summary;
        try (FailureReportWriter writer = report == null ? null : new FailureReportWriter(report)) {
            summary = FileValidator.run(bundle.manifest().schema(), input, dev.predictbench.schema.ColumnMapping.NONE,
                    csv.dialect(), failure -> {
                if (shown.size() < SHOWN_FAILURES) {
                    shown.add(failure);
                }
                if (writer != null) {
                    writer.write(failure);
                }
            }, progress.asValidationProgress(), () -> false);
            if (writer != null) {
                writer.commit();
            }
        }
        progress.finish(String.format("%,d rows checked", summary.rows()));
        if (json) {
            out.println(JsonOutput.of(toJson(summary)));
        } else {
            printText(out, summary, shown);
        }
        return failOnInvalid && summary.invalid() > 0 ? Cli.FOUND : Cli.OK;
    }

    static Map<String, Object> toJson(ValidationSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", summary.rows());
        json.put("valid", summary.valid());
        json.put("invalid", summary.invalid());
        Map<String, Long> levels = new LinkedHashMap<>();
        summary.byLevel().forEach((level, n) -> levels.put(level.label(), n));
        json.put("by_level", levels);
        json.put("by_check", summary.byCheck());
        return json;
    }

    private void printText(PrintWriter out, ValidationSummary summary, List<ValidationFailure> shown) {
        line(out, "%s: %,d rows, %,d valid, %,d invalid", input, summary.rows(), summary.valid(), summary.invalid());
        for (ValidationLevel level : ValidationLevel.values()) {
            line(out, "  %-10s %,d rows", level.label(), summary.byLevel().get(level));
        }
        if (!summary.byCheck().isEmpty()) {
            line(out, "%s", "Failures by check:");
            summary.byCheck().forEach((check, n) -> line(out, "  %-32s %,d", check, n));
            line(out, "%s", "First failures:");
            for (ValidationFailure f : shown) {
                line(out, "  row %d, %s [%s, %s]: %s", f.row(), f.column().isEmpty() ? "(row)" : f.column(),
                        f.level().label(), f.check(), f.message());
            }
            if (report != null) {
                line(out, "%s", "All failures: " + report);
            }
        }
    }

    /** One line of bundle or file text: control characters and newlines inside it escaped (Printable). */
    private static void line(PrintWriter out, String format, Object... args) {
        out.println(Printable.escape(String.format(format, args)));
    }
}
