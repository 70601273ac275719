package dev.predictbench.cli;

import dev.predictbench.ui.WorkbenchLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "workbench", mixinStandardHelpOptions = true,
        description = "Opens the workbench window on a bundle and, if given, a data file (validated and scored)."
                + " Without a command at all, the workbench opens the built-in sample.")
final class WorkbenchCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, paramLabel = "BUNDLE", description = "the model bundle to open")
    Path bundle;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "a CSV file to open")
    Path data;

    @Option(names = "--validation", paramLabel = "LABELLED.csv",
            description = "a labelled file to load into the calibration lab (needs --data)")
    Path validation;

    @Override
    public Integer call() {
        WorkbenchLauncher.launch(bundle, data, validation);
        return Cli.OK;
    }
}
