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
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.sklearn.NumpyArray;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.schema.FeatureType;
import dev.predictbench.schema.MissingCells;
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
     * @param classes empty to name classes 0..K-1 (or take a LabelEncoder's classes_)
     * @param output null to find out from the sample rows whether the model ends in softmax / sigmoid
     * @param expected null, or a CSV of input rows with the training stack's outputs: the bundle's parity file
     */
    public record Request(Path model, List<PreprocessorFile> preprocessors, Path schemaFrom, Path out, String name,
                          TaskType task, List<String> classes, ModelOutput output, Path expected) {

        public Request(Path model, List<PreprocessorFile> preprocessors, Path schemaFrom, Path out, String name,
                       TaskType task, List<String> classes) {
            this(model, preprocessors, schemaFrom, out, name, task, classes, null, null);
        }
    }

    /** The written bundle and what the user should still look at. */
    public record Result(Bundle bundle, List<String> notes) {
    }

    private BundleImporter() {
    }

    public static Result run(Request request) {
        return run(request, bundle -> { });
    }

    /**
     * @param check runs on the finished bundle before it is moved into place (scoring its
     *              parity rows, say); what it throws leaves no bundle behind
     */
    public static Result run(Request request, java.util.function.Consumer<Bundle> check) {
        if (!Files.isRegularFile(request.model())) {
            throw new InputException(request.model() + ": no such model file");
        }
        if (request.expected() != null && !Files.isRegularFile(request.expected())) {
            throw new InputException(request.expected() + ": no such file (--expected: the training stack's outputs)");
        }
        if (Files.isSymbolicLink(request.out())) {
            throw new InputException(request.out() + ": is a symbolic link; choose a new folder for the bundle");
        }
        if (Files.exists(request.out()) && !isEmptyFolder(request.out())) {
            throw new InputException(request.out() + ": already exists; choose a new folder for the bundle");
        }
        List<String> notes = new ArrayList<>();
        List<String> header;
        try (CsvSource source = CsvSource.open(request.schemaFrom())) {
            header = source.header();
        }
        List<PreprocessorFile> files = new ArrayList<>(request.preprocessors());
        // Each file is read once: LabelEncoders name the classes, the rest are transformers.
        Map<Path, SklearnFile.Estimator> read = new LinkedHashMap<>();
        files.forEach(p -> read.computeIfAbsent(p.file(), SklearnFile::read));
        List<String> encodedClasses = labelEncoderClasses(files, read, notes);
        List<Transformer> transformers = readTransformers(files, read, header, notes);
        Map<String, String> types = inferTypes(request.schemaFrom(), transformers, notes);
        int width = transformers.stream().flatMap(t -> t.steps().stream()).mapToInt(PreprocessStep::width).sum();
        int outputs = outputWidth(request.model(), width);
        TaskType task = request.task() != null ? request.task() : outputs == 1 ? TaskType.BINARY : TaskType.MULTICLASS;
        List<String> classes = classes(task, outputs, request.classes().isEmpty() ? encodedClasses
                : request.classes(), notes);

        Path temp = createTempBeside(request.out());
        try {
            Files.copy(request.model(), temp.resolve("model.pt"));
            if (request.expected() != null) {
                Files.copy(request.expected(), temp.resolve(ParitySpec.DEFAULT_FILE));
            }
            Set<String> used = new HashSet<>(Set.of("model.pt", BundleLoader.MANIFEST, ParitySpec.DEFAULT_FILE));
            List<String> fileNames = new ArrayList<>();
            for (Transformer t : transformers) {
                String name = uniqueName(t.file().getFileName().toString(), used);
                Files.copy(t.file(), temp.resolve(name));
                fileNames.add(name);
            }
            ModelOutput output = request.output() != null ? request.output()
                    : task == TaskType.REGRESSION ? ModelOutput.VALUE : ModelOutput.LOGITS;
            String sha = BundleLoader.sha256(temp.resolve("model.pt"));
            Files.writeString(temp.resolve(BundleLoader.MANIFEST),
                    manifest(request, task, classes, types, transformers, fileNames, sha, output));
            if (request.output() == null && task != TaskType.REGRESSION) {
                ModelOutput found = OutputKind.detect(BundleLoader.load(temp), request.schemaFrom());
                if (found != output) {
                    output = found;
                    notes.add("the model's outputs on " + request.schemaFrom().getFileName() + " are probabilities"
                            + " (rows in [0, 1]" + (outputs > 1 ? " summing to 1" : "") + "): the bundle declares"
                            + " output \"probabilities\", so they are not squashed twice; give --output logits if"
                            + " that is wrong");
                    Files.writeString(temp.resolve(BundleLoader.MANIFEST),
                            manifest(request, task, classes, types, transformers, fileNames, sha, output));
                }
            }
            check.accept(BundleLoader.load(temp));
            moveIntoPlace(temp, request.out());
        } catch (IOException e) {
            throw new InputException(request.out() + ": cannot write the bundle: " + e.getMessage(), e);
        } finally {
            ZipBundle.TemporaryFolders.delete(temp);
        }
        notes.add("ranges (min/max), allowed values and rules are left for you to add to bundle.json, or to propose"
                + " from the data and edit with Edit Schema in the workbench");
        return new Result(BundleLoader.load(request.out()), notes);
    }

    private record Transformer(Path file, String estimator, List<String> columns, List<PreprocessStep> steps,
                               Map<String, String> fills) {
    }

    /** A LabelEncoder among the files is the target's: its classes_ name the model's outputs. */
    private static List<String> labelEncoderClasses(List<PreprocessorFile> files,
                                                    Map<Path, SklearnFile.Estimator> read, List<String> notes) {
        for (PreprocessorFile p : List.copyOf(files)) {
            SklearnFile.Estimator estimator = read.get(p.file());
            if (estimator.className().equals("LabelEncoder")) {
                files.remove(p);
                if (!(estimator.get("classes_") instanceof NumpyArray classes)) {
                    throw new InputException(p.file() + ": the LabelEncoder has no classes_; is it fitted?");
                }
                notes.add("classes " + classes.toStrings() + " come from the LabelEncoder in " + p.file().getFileName());
                return classes.toStrings();
            }
        }
        return List.of();
    }

    private static List<Transformer> readTransformers(List<PreprocessorFile> files,
                                                      Map<Path, SklearnFile.Estimator> read, List<String> header,
                                                      List<String> notes) {
        if (files.isEmpty()) {
            throw new InputException("import needs at least one --preprocessor (a fitted scikit-learn transformer,"
                    + " pipeline or ColumnTransformer)");
        }
        List<Transformer> transformers = new ArrayList<>();
        for (PreprocessorFile p : files) {
            SklearnFile.Estimator estimator = read.get(p.file());
            List<String> columns = p.columns().isEmpty() ? SklearnSteps.featureNames(estimator) : p.columns();
            if (columns.isEmpty() && files.size() == 1 && SklearnSteps.featureCount(estimator) == header.size()) {
                // Fitted on a numpy array of the whole file: its columns are the file's, in order.
                columns = header;
                notes.add(p.file().getFileName() + " was fitted without column names; its " + header.size()
                        + " columns are taken to be the data file's, in the file's order");
            }
            if (columns.isEmpty()) {
                throw new InputException(p.file() + ": the " + estimator.className() + " was fitted without column"
                        + " names (no feature_names_in_); name them: --preprocessor " + p.file() + "=col1,col2,...");
            }
            try {
                SklearnSteps.Conversion conversion = SklearnSteps.convert(estimator, columns);
                transformers.add(new Transformer(p.file(), estimator.className(), columns, conversion.steps(),
                        conversion.fills()));
            } catch (IllegalArgumentException e) {
                throw new InputException(p.file() + ": " + e.getMessage(), e);
            }
        }
        return transformers;
    }

    /** Feature name -> type, in first-use order: one-hot columns are categories, the rest numbers or integers. */
    private static Map<String, String> inferTypes(Path data, List<Transformer> transformers, List<String> notes) {
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> imputed = new HashSet<>();
        for (Transformer t : transformers) {
            imputed.addAll(t.fills().keySet());
            for (String column : t.columns()) {
                types.putIfAbsent(column, "integer");
            }
            for (PreprocessStep step : t.steps()) {
                FeatureType needed = PreprocessingReader.neededType(step);
                for (String column : step.columns()) {
                    if (needed != FeatureType.NUMBER) {
                        types.put(column, needed.manifestName());
                    }
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
            Set<String> notBoolean = new HashSet<>();
            Set<String> notInteger = new HashSet<>();
            for (int n = 0; n < SAMPLE_ROWS && source.hasNext(); n++) {
                DataRow row = source.next();
                index.forEach((column, i) -> {
                    String cell = i < row.cells().length ? row.cells()[i].strip() : "";
                    if (cell.isEmpty() || MissingCells.isMarker(cell)) {
                        withEmpty.add(column);
                        return;
                    }
                    if (!cell.equalsIgnoreCase("true") && !cell.equalsIgnoreCase("false")) {
                        notBoolean.add(column);
                    }
                    if (!cell.matches("[-+]?\\d+")) {
                        notInteger.add(column);
                    }
                });
            }
            // Numeric columns: True/False as pandas writes booleans, whole numbers, or any number.
            types.replaceAll((column, type) -> !type.equals("integer") ? type : !notBoolean.contains(column)
                    ? "boolean" : notInteger.contains(column) ? "number" : "integer");
            withEmpty.removeAll(imputed);
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
                                   List<Transformer> transformers, List<String> fileNames, String sha,
                                   ModelOutput output) {
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
        model.put("output", output.manifestName());
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
        if (request.expected() != null) {
            root.putObject("parity").put("file", ParitySpec.DEFAULT_FILE).put("tolerance", ParitySpec.DEFAULT_TOLERANCE);
        }
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
