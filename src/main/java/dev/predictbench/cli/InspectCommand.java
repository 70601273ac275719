package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.bundle.Manifest;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.schema.Feature;
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

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Loads and checks a bundle (manifest, files, hashes, the model loads, preprocessing width"
                + " equals the model's input width) and prints its summary.")
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the model bundle (folder or .zip)")
    Path bundlePath;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        Bundle bundle = BundleLoader.load(bundlePath);
        Map<String, Object> summary;
        try (Scorer scorer = device.open(bundle)) {
            summary = summarise(bundle, scorer);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(summary));
        } else {
            printText(out, bundle, summary);
        }
        bundle.manifest().warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + Printable.escape(w)));
        // The declared output checked against what the model returns on the bundle's own reference rows.
        bundle.referenceFile().flatMap(reference -> dev.predictbench.bundle.OutputKind.mismatch(bundle, reference))
                .ifPresent(w -> spec.commandLine().getErr().println("warning: " + Printable.escape(w)));
        return Cli.OK;
    }

    static Map<String, Object> summarise(Bundle bundle, Scorer scorer) {
        Manifest m = bundle.manifest();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", m.name());
        json.put("version", m.version());
        json.put("description", m.description());
        json.put("source", bundle.source().toString());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("type", m.task().type().manifestName());
        task.put("classes", m.task().classes());
        task.put("target", m.task().target());
        task.put("positive_class", m.task().positiveClass());
        json.put("task", task);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("file", m.model().file());
        model.put("sha256", bundle.modelSha256());
        model.put("sha256_checked", m.model().sha256() != null);
        model.put("output", m.model().output().manifestName());
        model.put("input_width", m.inputWidth());
        model.put("inputs", m.model().inputs().stream().map(in -> Map.of("name", in.name(), "width", in.width(),
                "dtype", in.dtype())).toList());
        model.put("output_width", scorer.outputWidth());
        model.put("precision", scorer.precision());
        model.put("mc_dropout", scorer.dropoutActive());
        Map<String, Object> quantization = new LinkedHashMap<>();
        quantization.put("scheme", m.model().quantization().scheme());
        quantization.put("input_scale", m.model().quantization().inputScale());
        quantization.put("input_zero_point", m.model().quantization().inputZeroPoint());
        model.put("quantization", quantization);
        json.put("model", model);
        List<Map<String, Object>> features = new ArrayList<>();
        for (Feature f : m.features()) {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f.name());
            feature.put("type", f.type().manifestName());
            feature.put("min", f.min());
            feature.put("max", f.max());
            feature.put("values", f.values());
            feature.put("trained_categories", m.schema().encodedCategories().get(f.name()));
            feature.put("fill", f.fill());
            features.add(feature);
        }
        json.put("features", features);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PreprocessStep step : m.preprocessing()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("op", step.op());
            s.put("columns", step.columns());
            s.put("width", step.width());
            s.put("parameters", step.describe());
            steps.add(s);
        }
        json.put("preprocessing", steps);
        json.put("rules", m.rules().stream().map(r -> Map.of("name", r.name(), "rule", r.expression(),
                "message", r.message())).toList());
        json.put("temperature", m.temperature());
        json.put("reference", m.referenceFile());
        json.put("parity", scorer.parity().map(p -> {
            Map<String, Object> parity = new LinkedHashMap<>();
            parity.put("file", p.file());
            parity.put("rows", p.rows());
            parity.put("max_difference", p.maxDifference());
            parity.put("tolerance", p.tolerance());
            return parity;
        }).orElse(null));
        var engine = TorchRuntime.info();
        Map<String, Object> engineJson = new LinkedHashMap<>();
        engineJson.put("name", TorchRuntime.ENGINE);
        engineJson.put("djl", engine.djlVersion());
        engineJson.put("libtorch", engine.libtorchVersion());
        engineJson.put("gpus", engine.gpuCount());
        engineJson.put("device", scorer.device());
        json.put("engine", engineJson);
        json.put("warnings", m.warnings());
        return json;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Bundle bundle, Map<String, Object> json) {
        Manifest m = bundle.manifest();
        Map<String, Object> model = (Map<String, Object>) json.get("model");
        Map<String, Object> engine = (Map<String, Object>) json.get("engine");
        line(out, "%s %s  (%s)", m.name(), m.version(), bundle.source());
        if (!m.description().isBlank()) {
            line(out, "%s", "  " + m.description());
        }
        line(out, "Task:          %s%s", m.task().type().manifestName(),
                m.task().isClassification() ? " " + m.task().classes()
                        + (m.task().positiveClass() != null ? ", positive class " + m.task().positiveClass() : "") : "");
        line(out, "Model:         %s, %s, sha256 %s (%s)", m.model().file(), m.model().output().manifestName(),
                bundle.modelSha256(), m.model().sha256() != null ? "matches the manifest" : "not declared");
        line(out, "Input/output:  %d %s in, %s per row out (checked with a dry run)", m.inputWidth(),
                m.model().inputs().isEmpty() ? "floats" : "values as " + m.model().inputs().stream()
                        .map(in -> in.name() + " " + in.dtype() + "[" + in.width() + "]").toList(),
                model.get("output_width"));
        var q = m.model().quantization();
        line(out, "Quantization:  %s%s", q.scheme(), q.quantizesInput()
                ? ", input scale " + q.inputScale() + ", zero point " + q.inputZeroPoint() : "");
        line(out, "Precision:     %s; MC dropout %s", model.get("precision"),
                Boolean.TRUE.equals(model.get("mc_dropout")) ? "active" : "inactive (traced or no Dropout layer)");
        line(out, "Temperature:   %s", m.temperature());
        line(out, "Engine:        PyTorch %s (DJL %s) on %s, %s GPU(s) seen", engine.get("libtorch"),
                engine.get("djl"), engine.get("device"), engine.get("gpus"));
        line(out, "Features (%d):", m.features().size());
        for (Feature f : m.features()) {
            List<String> trained = m.schema().encodedCategories().get(f.name());
            String range = !f.describeRange().isEmpty() || trained == null ? f.describeRange()
                    : abbreviate(String.join(", ", trained), 60) + " (as trained)";
            line(out, "  %-24s %-9s %s%s", f.name(), f.type().manifestName(), range,
                    f.fill() != null ? "  (empty -> " + (f.fill().isEmpty() ? "\"\"" : f.fill()) + ")" : "");
        }
        line(out, "Preprocessing (%d steps, width %d):", m.preprocessing().size(), m.inputWidth());
        for (PreprocessStep step : m.preprocessing()) {
            line(out, "  %-13s %-30s width %-3d %s", step.op(), abbreviate(String.join(", ", step.columns()), 30),
                    step.width(), step.describe());
        }
        line(out, "Rules (%d):", m.rules().size());
        m.rules().forEach(r -> line(out, "  %-20s %s  -- %s", r.name(), r.expression(), r.message()));
        if (m.referenceFile() != null) {
            line(out, "%s", "Reference:     " + m.referenceFile());
        }
        line(out, "%s", "Parity:        " + (json.get("parity") instanceof Map<?, ?> p
                ? p.get("file") + ": " + p.get("rows") + " rows reproduce the training stack, max |difference| "
                + String.format(java.util.Locale.ROOT, "%.1e", (Double) p.get("max_difference"))
                : "none (the bundle carries no parity file; nothing proves it reproduces training)"));
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    /** One line of bundle or file text: control characters and newlines inside it escaped (Printable). */
    private static void line(PrintWriter out, String format, Object... args) {
        out.println(Printable.escape(String.format(format, args)));
    }
}
