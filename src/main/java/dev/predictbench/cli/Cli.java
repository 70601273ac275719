package dev.predictbench.cli;

import dev.predictbench.InputException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
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
                + " Without a command, opens the workbench.")
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

    /**
     * The commands, in the order help lists them. Picocli reads a command's annotations when it is
     * added, which is slow for old class files like its own: a command line that names a command
     * gets only that one ({@link #withCommands}).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("inspect", InspectCommand::new);
        commands.put("validate", ValidateCommand::new);
        commands.put("score", ScoreCommand::new);
        commands.put("import", ImportCommand::new);
        commands.put("calibrate", CalibrateCommand::new);
        commands.put("drift", DriftCommand::new);
        commands.put("report", ReportCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("workbench", WorkbenchCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    /** The parser with the command {@code args} names, or with every command (for help, a typo, no command). */
    static CommandLine withCommands(String[] args) {
        CommandLine line = new CommandLine(new Cli());
        var named = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            line.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> line.addSubcommand(name, command.get()));
        }
        return line;
    }

    /** Every command built, as help builds them: loads their classes (for the class-data archive). */
    public static void withEveryCommand() {
        withCommands(new String[0]);
    }

    public static int run(String[] args, PrintWriter terminalOut, PrintWriter terminalErr) {
        // Names, descriptions and messages come from bundles and files: their control characters
        // are escaped before they reach a terminal (Printable).
        PrintWriter out = new PrintWriter(Printable.escaping(terminalOut, false));
        PrintWriter err = new PrintWriter(Printable.escaping(terminalErr, true));
        // Settings reach the subcommands present when they are set: commands are added first.
        // No @file expansion: "inspect @secret.txt" would read a file the user never meant as input.
        CommandLine line = withCommands(args)
                .setExpandAtFiles(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, err));
        line.setParameterExceptionHandler((e, args1) -> {
            err.println("predictbench: " + Printable.escape(e.getMessage()));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return UNUSABLE_INPUT;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        terminalOut.flush();
        terminalErr.flush();
        return code;
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof InputException) {
            err.println("predictbench: " + Printable.escape(e.getMessage()));
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
