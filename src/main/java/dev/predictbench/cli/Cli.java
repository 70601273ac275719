package dev.predictbench.cli;

import dev.predictbench.InputException;
import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless commands (docs: cli.md). Exit codes: 0 success, 1 the work found what
 * the command exists to find, 2 unusable input (one line on stderr), 3 a bug.
 */
@Command(name = "predictbench",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Scores CSV files with a trained TorchScript model bundle, headless."
                + " Without a command, opens the workbench.",
        subcommands = {InspectCommand.class, ValidateCommand.class, ScoreCommand.class, ImportCommand.class, CalibrateCommand.class,
                DriftCommand.class, ReportCommand.class, BenchCommand.class, WorkbenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    public static final int OK = 0;
    public static final int FOUND = 1;
    public static final int UNUSABLE_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (inspect, validate, score, import, calibrate, drift, report, bench, help)");
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Cli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, err));
        line.setParameterExceptionHandler((e, args1) -> {
            err.println("predictbench: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return UNUSABLE_INPUT;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof InputException) {
            err.println("predictbench: " + e.getMessage());
            return UNUSABLE_INPUT;
        }
        if (e instanceof CancellationException) {
            err.println("predictbench: cancelled; no output written");
            return UNUSABLE_INPUT;
        }
        err.println("predictbench: internal error, please report it: " + e);
        e.printStackTrace(err);
        return INTERNAL_ERROR;
    }

    /** The version from the jar's manifest (set by Maven), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"PredictBench " + (version == null ? "dev" : version)};
        }
    }
}
