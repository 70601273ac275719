package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.OutputFiles;
import dev.predictbench.report.HtmlReport;
import dev.predictbench.report.ReportBuilder;
import dev.predictbench.report.ReportData;
import dev.predictbench.scoring.Scorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML file to share: the model card with its parity check, validation,"
                + " the prediction distribution, drift against the bundle's reference and, when asked, calibration"
                + " and MC-dropout uncertainty. Numbers are the commands' own.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "the CSV file to report on")
    Path data;

    @Option(names = "--validation", paramLabel = "LABELLED.csv",
            description = "a labelled file: adds calibration (fitted T, metrics before and after, reliability diagram)")
    Path validation;

    @Option(names = "--target", paramLabel = "COLUMN", description = "the label column of --validation (default: the"
            + " bundle's target)")
    String target;

    @Option(names = "--mc-passes", defaultValue = "0", paramLabel = "N",
            description = "Monte-Carlo dropout passes per row for the uncertainty section (0: none)")
    int mcPasses;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed for the MC passes"
            + " (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "REPORT.html", description = "where to write the report")
    Path out;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @CommandLine.Mixin
    DeviceOption device;

    @CommandLine.Mixin
    CsvOptions csv;

    @Override
    public Integer call() {
        String passes = dev.predictbench.scoring.ScoringOptions.mcPassesProblem(mcPasses,
                dev.predictbench.scoring.ScoringOptions.DEFAULT_BATCH_SIZE);
        if (passes != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mc-passes " + passes);
        }
        Bundle bundle = BundleLoader.load(bundlePath);
        OutputFiles.check(out, Inputs.of(bundle, data, validation));
        var err = spec.commandLine().getErr();
        ReportData report;
        try (Scorer scorer = device.open(bundle)) {
            report = ReportBuilder.build(scorer, new ReportBuilder.Request(data, validation, target, mcPasses, seed,
                    true, dev.predictbench.schema.ColumnMapping.NONE, csv.dialect()), step -> {
                        if (!quiet) {
                            err.println(step);
                        }
                    }, () -> false);
        }
        HtmlReport.write(report, out);
        spec.commandLine().getOut().println("Wrote " + out);
        return Cli.OK;
    }
}
