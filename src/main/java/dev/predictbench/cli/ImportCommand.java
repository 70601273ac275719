package dev.predictbench.cli;

import dev.predictbench.bundle.BundleImporter;
import dev.predictbench.bundle.TaskType;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.scoring.InvalidRows;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import dev.predictbench.bundle.ModelOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Writes a bundle from a bare TorchScript model and its fitted scikit-learn scalers/encoders"
                + " (pickle or joblib). Features come from the transformers' column names, types from the data.")
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "model.pt", description = "the TorchScript model")
    Path model;

    @Option(names = "--preprocessor", required = true, paramLabel = "FILE[=col1,col2,...]",
            description = "a fitted scikit-learn transformer, Pipeline or ColumnTransformer (pickle or joblib), in"
                    + " the order the model's input concatenates them; a LabelEncoder names the classes; name the"
                    + " columns when it was fitted without feature names")
    List<String> preprocessors;

    @Option(names = "--schema-from", required = true, paramLabel = "data.csv",
            description = "a CSV file with the model's columns, to infer types from")
    Path schemaFrom;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the new bundle folder")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "the bundle's name (default: the folder's name)")
    String name;

    @Option(names = "--task", paramLabel = "binary|multiclass|regression",
            description = "the task (default: binary for one output, multiclass for more)")
    TaskType task;

    @Option(names = "--classes", split = ",", paramLabel = "LABEL,LABEL,...", hideParamSyntax = true,
            description = "class labels in the model's output order, comma-separated")
    List<String> classes = List.of();

    @Option(names = "--output", paramLabel = "logits|probabilities|value",
            description = "what the model returns (default: found from the data: rows in [0, 1] that sum to 1 are"
                    + " probabilities)")
    String output;

    @Option(names = "--expected", paramLabel = "FILE.csv",
            description = "input rows with the outputs the training stack computed for them (p_<class> per class, or"
                    + " prediction): attached as the bundle's parity certificate and checked before the bundle is"
                    + " written")
    Path expected;

    @Override
    public Integer call() {
        List<BundleImporter.PreprocessorFile> files = preprocessors.stream().map(ImportCommand::parse).toList();
        String bundleName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        ModelOutput declared = null;
        if (output != null) {
            try {
                declared = ModelOutput.valueOf(output.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new dev.predictbench.InputException("--output: expected logits, probabilities or value, found \""
                        + output + "\"");
            }
        }
        List<String> parity = new java.util.ArrayList<>();
        var result = BundleImporter.run(new BundleImporter.Request(model, files, schemaFrom, out, bundleName, task,
                classes, declared, expected), bundle -> {
                    try (Scorer scorer = Scorer.open(bundle, new ScoringOptions(DeviceChoice.CPU,
                            ScoringOptions.DEFAULT_BATCH_SIZE, null, InvalidRows.KEEP))) {
                        scorer.parity().ifPresent(p -> parity.add(p.describe()));
                    }
                });
        PrintWriter stdout = spec.commandLine().getOut();
        var manifest = result.bundle().manifest();
        stdout.printf("Wrote %s: %s, %d features, input width %d.%n", out, manifest.task().type().manifestName()
                + (manifest.task().isClassification() ? " " + manifest.task().classes() : ""),
                manifest.features().size(), manifest.inputWidth());
        parity.forEach(line -> stdout.println("Checked " + line + "."));
        result.notes().forEach(note -> stdout.println("Note: " + note));
        stdout.println("Check it with: predictbench inspect " + out);
        return Cli.OK;
    }

    private static BundleImporter.PreprocessorFile parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            return new BundleImporter.PreprocessorFile(Path.of(spec), List.of());
        }
        List<String> columns = Arrays.stream(spec.substring(eq + 1).split(",")).map(String::strip)
                .filter(c -> !c.isEmpty()).toList();
        return new BundleImporter.PreprocessorFile(Path.of(spec.substring(0, eq)), columns);
    }
}
