package dev.predictbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.predictbench.InputException;
import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.inference.TorchModel;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.preprocess.sklearn.SklearnSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes a bundle from the most common hand-over: a bare TorchScript model and the
 * scikit-learn files fitted with it. Features come from the transformers' column
 * names (or the ones given), types from a sample of the data file; ranges are left
 * for the user to add. The bundle keeps the original scikit-learn files (as
 * {@code sklearn} steps) so nothing is transcribed by hand. It appears only once it
 * loads and its model accepts the preprocessing's width.
 */
public final class BundleImporter {

    private static final int SAMPLE_ROWS = 10_000;

    /** A scikit-learn file and the columns it transforms (empty: its feature_names_in_). */
    public record PreprocessorFile(Path file, List<String> columns) {
    }

    /**
     * @param task null to infer from the model's output width
     * @param classes empty to name classes 0..K-1
     */
    public record Request(Path model, List<PreprocessorFile> preprocessors, Path schemaFrom, Path out, String name,
                          TaskType task, List<String> classes) {
    }

    /** The written bundle and what the user should still look at. */
    public record Result(Bundle bundle, List<String> notes) {
    }

    private BundleImporter() {
    }

    public static Result run(Request request) {
        if (!Files.isRegularFile(request.model())) {
            throw new InputException(request.model() + ": no such model file");
        }
        if (Files.exists(request.out()) && !isEmptyFolder(request.out())) {
            throw new InputException(request.out() + ": already exists; choose a new folder for the bundle");
        }
        List<String> notes = new ArrayList<>();
        List<Transformer> transformers = readTransformers(request.preprocessors());
        Map<String, String> types = inferTypes(request.schemaFrom(), transformers, notes);
        int width = transformers.stream().flatMap(t -> t.steps().stream()).mapToInt(PreprocessStep::width).sum();
        int outputs = outputWidth(request.model(), width);
        TaskType task = request.task() != null ? request.task() : outputs == 1 ? TaskType.BINARY : TaskType.MULTICLASS;
        List<String> classes = classes(task, outputs, request.classes(), notes);

        Path temp = createTempBeside(request.out());
        try {
            Files.copy(request.model(), temp.resolve("model.pt"));
            Set<String> used = new HashSet<>(Set.of("model.pt", BundleLoader.MANIFEST));
            List<String> fileNames = new ArrayList<>();
            for (Transformer t : transformers) {
                String name = uniqueName(t.file().getFileName().toString(), used);
                Files.copy(t.file(), temp.resolve(name));
                fileNames.add(name);
            }
            String manifest = manifest(request, task, classes, types, transformers, fileNames,
                    BundleLoader.sha256(temp.resolve("model.pt")));
            Files.writeString(temp.resolve(BundleLoader.MANIFEST), manifest);
            BundleLoader.load(temp);
            moveIntoPlace(temp, request.out());
        } catch (IOException e) {
            throw new InputException(request.out() + ": cannot write the bundle: " + e.getMessage(), e);
        } finally {
            ZipBundle.TemporaryFolders.delete(temp);
        }
        notes.add("ranges (min/max), allowed values and rules are left for you to add to bundle.json");
        return new Result(BundleLoader.load(request.out()), notes);
    }

    private record Transformer(Path file, String estimator, List<String> columns, List<PreprocessStep> steps) {
    }

    private static List<Transformer> readTransformers(List<PreprocessorFile> files) {
        if (files.isEmpty()) {
            throw new InputException("import needs at least one --preprocessor (a fitted scaler or encoder)");
        }
        List<Transformer> transformers = new ArrayList<>();
        for (PreprocessorFile p : files) {
            SklearnFile.Estimator estimator = SklearnFile.read(p.file());
            List<String> columns = p.columns().isEmpty() ? SklearnSteps.featureNames(estimator) : p.columns();
            if (columns.isEmpty()) {
                throw new InputException(p.file() + ": the " + estimator.className() + " was fitted without column"
                        + " names (no feature_names_in_); name them: --preprocessor " + p.file() + "=col1,col2,...");
            }
            try {
                transformers.add(new Transformer(p.file(), estimator.className(), columns,
                        SklearnSteps.toSteps(estimator, columns)));
            } catch (IllegalArgumentException e) {
                throw new InputException(p.file() + ": " + e.getMessage(), e);
            }
        }
        return transformers;
    }

    /** Feature name -> type, in first-use order: one-hot columns are categories, the rest numbers or integers. */
    private static Map<String, String> inferTypes(Path data, List<Transformer> transformers, List<String> notes) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Transformer t : transformers) {
            for (PreprocessStep step : t.steps()) {
                for (String column : step.columns()) {
                    types.putIfAbsent(column, step instanceof OneHot ? "category" : "integer");
                }
            }
        }
        try (CsvSource source = CsvSource.open(data)) {
            List<String> header = source.header();
            List<String> missing = types.keySet().stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new InputException(data + ": header lacks the preprocessors' columns " + missing);
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            types.keySet().forEach(c -> index.put(c, header.indexOf(c)));
            Set<String> withEmpty = new HashSet<>();
            for (int n = 0; n < SAMPLE_ROWS && source.hasNext(); n++) {
                DataRow row = source.next();
                index.forEach((column, i) -> {
                    String cell = i < row.cells().length ? row.cells()[i].strip() : "";
                    if (cell.isEmpty()) {
                        withEmpty.add(column);
                    } else if (types.get(column).equals("integer") && !cell.matches("[-+]?\\d+")) {
                        types.put(column, "number");
                    }
                });
            }
            withEmpty.forEach(c -> notes.add("column \"" + c + "\" has empty cells in " + data.getFileName()
                    + ": add \"missing\": {\"fill\": ...} to its feature or they will be invalid"));
        }
        return types;
    }

    private static int outputWidth(Path model, int width) {
        try (TorchModel torch = TorchModel.load(model, TorchRuntime.device(DeviceChoice.CPU))) {
            ModelOutputs outputs = torch.forward(new float[2 * width], 2, width);
            return outputs.perRow();
        } catch (InputException e) {
            throw new InputException(model + ": does not accept the " + width
                    + " inputs the preprocessors produce (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> classes(TaskType task, int outputs, List<String> given, List<String> notes) {
        if (task == TaskType.REGRESSION) {
            return List.of();
        }
        int count = task == TaskType.BINARY ? 2 : outputs;
        if (!given.isEmpty()) {
            if (given.size() != count) {
                throw new InputException("--classes names " + given.size() + " classes; the model's output fits "
                        + count);
            }
            return given;
        }
        notes.add("classes are named 0.." + (count - 1) + "; give --classes to name them in the model's output order");
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    private static String manifest(Request request, TaskType task, List<String> classes, Map<String, String> types,
                                   List<Transformer> transformers, List<String> fileNames, String sha) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", ManifestReader.FORMAT);
        root.put("format_version", ManifestReader.FORMAT_VERSION);
        root.put("name", request.name());
        root.put("version", "0.1.0");
        root.put("description", "Imported from " + request.model().getFileName() + " and "
                + transformers.stream().map(t -> t.file().getFileName().toString()).toList() + ".");
        ObjectNode model = root.putObject("model");
        model.put("file", "model.pt");
        model.put("sha256", sha);
        model.put("output", task == TaskType.REGRESSION ? "value" : "logits");
        ObjectNode taskNode = root.putObject("task");
        taskNode.put("type", task.manifestName());
        ArrayNode classNodes = taskNode.putArray("classes");
        classes.forEach(classNodes::add);
        ArrayNode features = root.putArray("features");
        types.forEach((name, type) -> features.addObject().put("name", name).put("type", type));
        ArrayNode steps = root.putArray("preprocessing");
        for (int i = 0; i < transformers.size(); i++) {
            ObjectNode step = steps.addObject();
            step.put("op", "sklearn");
            step.put("file", fileNames.get(i));
            ArrayNode columns = step.putArray("columns");
            transformers.get(i).columns().forEach(columns::add);
        }
        root.putArray("rules");
        root.putObject("calibration").put("temperature", 1.0);
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static Path createTempBeside(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + out.getFileName() + ".importing-");
        } catch (IOException e) {
            throw new InputException(out + ": cannot write the bundle: " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path temp, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            Files.delete(out);
        }
        Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmptyFolder(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String uniqueName(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = i + "-" + name;
        }
        return candidate;
    }
}
