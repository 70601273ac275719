package dev.predictbench.bundle;

import dev.predictbench.inference.InputQuantizer;
import dev.predictbench.data.CsvSource;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.inference.TorchModel;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.RowValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Finds out from real rows whether a classifier already ends in softmax or sigmoid:
 * every output in [0, 1], and with several outputs every row summing to 1. Taking such
 * outputs for logits would squash them a second time and give wrong probabilities that
 * look plausible.
 */
public final class OutputKind {

    private static final int SAMPLE_ROWS = 512;

    private OutputKind() {
    }

    /** What the model returns on the first valid rows of {@code data}: probabilities or logits. */
    public static ModelOutput detect(Bundle bundle, Path data) {
        ModelOutputs outputs = sampleOutputs(bundle, data);
        return outputs.rows() > 0 && looksLikeProbabilities(outputs) ? ModelOutput.PROBABILITIES : ModelOutput.LOGITS;
    }

    /** A warning when the bundle's declared output does not fit what the model returns on {@code data}. */
    public static Optional<String> mismatch(Bundle bundle, Path data) {
        ModelOutput declared = bundle.manifest().model().output();
        if (declared == ModelOutput.VALUE) {
            return Optional.empty();
        }
        ModelOutputs outputs = sampleOutputs(bundle, data);
        if (outputs.rows() == 0) {
            return Optional.empty();
        }
        boolean probabilities = looksLikeProbabilities(outputs);
        if (declared == ModelOutput.LOGITS && probabilities && outputs.perRow() > 1) {
            return Optional.of("model.output is \"logits\" but on " + outputs.rows() + " rows of " + data.getFileName()
                    + " every output row lies in [0, 1] and sums to 1: the model already ends in softmax, so its"
                    + " probabilities would be squashed twice; declare \"output\": \"probabilities\"");
        }
        if (declared == ModelOutput.PROBABILITIES && !probabilities) {
            return Optional.of("model.output is \"probabilities\" but on " + data.getFileName() + " the model returns"
                    + " values outside [0, 1]" + (outputs.perRow() > 1 ? " or rows that do not sum to 1" : "")
                    + ": these are logits; declare \"output\": \"logits\"");
        }
        return Optional.empty();
    }

    static boolean looksLikeProbabilities(ModelOutputs outputs) {
        for (int r = 0; r < outputs.rows(); r++) {
            double sum = 0;
            for (int k = 0; k < outputs.perRow(); k++) {
                float v = outputs.get(r, k);
                if (!(v >= 0 && v <= 1)) {
                    return false;
                }
                sum += v;
            }
            if (outputs.perRow() > 1 && Math.abs(sum - 1) > 1e-4) {
                return false;
            }
        }
        return true;
    }

    private static ModelOutputs sampleOutputs(Bundle bundle, Path data) {
        var manifest = bundle.manifest();
        Preprocessor preprocessor = Preprocessor.compile(manifest.features(), manifest.preprocessing());
        int width = preprocessor.width();
        float[] input = new float[SAMPLE_ROWS * width];
        int rows = 0;
        try (CsvSource source = CsvSource.open(data)) {
            RowValidator validator = RowValidator.bind(manifest.schema(), source.header(), data.toString());
            ParsedRow parsed = ParsedRow.forFeatures(manifest.features().size());
            while (rows < SAMPLE_ROWS && source.hasNext()) {
                var row = source.next();
                if (validator.validate(row, parsed, new ArrayList<>())) {
                    preprocessor.transform(parsed, input, rows++ * width);
                }
            }
        }
        if (rows == 0) {
            return new ModelOutputs(new float[0], 0, 1);
        }
        var quantization = manifest.model().quantization();
        InputQuantizer quantizer = quantization.quantizesInput()
                ? new InputQuantizer(quantization.inputScale(), quantization.inputZeroPoint()) : null;
        try (TorchModel model = TorchModel.load(bundle.modelFile(), TorchRuntime.device(DeviceChoice.CPU), quantizer,
                manifest.model().inputs())) {
            return model.forward(input, rows, width);
        }
    }
}
