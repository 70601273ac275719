package dev.predictbench.scoring;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.Manifest;
import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.InputQuantizer;
import dev.predictbench.inference.ModelOutputs;
import dev.predictbench.inference.OutputShapeException;
import dev.predictbench.inference.TorchModel;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.preprocess.Preprocessor;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.ValidationFailure;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Scores CSV files with one bundle: read, validate, preprocess, infer in batches
 * without gradients, calibrate, hand each row to a sink. Rows stream through in
 * batches, so memory is bounded by the batch size, not the file. The model is
 * loaded once and closed with the scorer. One scorer runs one file at a time.
 */
public final class Scorer implements AutoCloseable {

    private final Bundle bundle;
    private final TorchModel model;
    private final Preprocessor preprocessor;
    private final Predictions predictions;
    /** Found out on first use: the probe loads a second copy of the model, which plain scoring never needs. */
    private Boolean dropoutActive;
    private Optional<ParityCheck.Result> parity = Optional.empty();

    private Scorer(Bundle bundle, TorchModel model, Preprocessor preprocessor, Predictions predictions) {
        this.bundle = bundle;
        this.model = model;
        this.preprocessor = preprocessor;
        this.predictions = predictions;
    }

    /**
     * Loads the bundle's model on the chosen device and checks it fits the manifest with a
     * dry run, then that it reproduces the bundle's parity rows ({@link ParityCheck.Mismatch}
     * when not); with MC passes requested, also that its dropout is active.
     */
    public static Scorer open(Bundle bundle, ScoringOptions options) {
        Manifest manifest = bundle.manifest();
        Preprocessor preprocessor = Preprocessor.compile(manifest.features(), manifest.preprocessing());
        var quantization = manifest.model().quantization();
        InputQuantizer quantizer = quantization.quantizesInput()
                ? new InputQuantizer(quantization.inputScale(), quantization.inputZeroPoint()) : null;
        TorchModel model = TorchModel.load(bundle.modelFile(), TorchRuntime.device(options.device()), quantizer,
                manifest.model().inputs());
        try {
            int perRow = dryRun(bundle, model, preprocessor.width());
            Scorer scorer = new Scorer(bundle, model, preprocessor, new Predictions(manifest, perRow));
            if (options.monteCarlo() && !scorer.dropoutActive()) {
                throw new InputException(bundle.modelFile() + ": Monte-Carlo dropout is inactive in this model: "
                        + DropoutProbe.WHY + " Every pass would be identical, so --mc-passes would show zero"
                        + " uncertainty. Export the model with torch.jit.script, or score without MC passes.");
            }
            scorer.parity = ParityCheck.run(scorer);
            return scorer;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The bundle's parity certificate as checked on open; empty when the bundle carries none. */
    public Optional<ParityCheck.Result> parity() {
        return parity;
    }

    /** What the model is fed: fp32, fp16 or int8. */
    public String precision() {
        return model.precision();
    }

    /**
     * Whether MC dropout passes differ for this model (false for traced models or models without
     * dropout). The first call runs the probe: call it off the UI thread.
     */
    public synchronized boolean dropoutActive() {
        if (dropoutActive == null) {
            dropoutActive = DropoutProbe.isActive(model, preprocessor.width());
        }
        return dropoutActive;
    }

    /** A forward pass on a zero batch proves the widths agree before any user data is read. */
    private static int dryRun(Bundle bundle, TorchModel model, int width) {
        ModelOutputs outputs;
        try {
            outputs = model.forward(new float[2 * width], 2, width);
        } catch (InputException e) {
            throw new InputException(bundle.modelFile() + ": the model does not accept the " + width
                    + " inputs the bundle's preprocessing produces (" + e.getMessage() + ")", e);
        }
        Predictions.checkOutputWidth(bundle, outputs.perRow());
        return outputs.perRow();
    }

    public Bundle bundle() {
        return bundle;
    }

    /** "cpu" or "gpu:0", as shown to people and written in run records. */
    public String device() {
        var device = model.device();
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /** Values the model returns per row: 1 for a single logit or a regression value, K for K classes. */
    public int outputWidth() {
        return predictions.outputWidth();
    }

    public OutputLayout layout(ScoringOptions options) {
        return OutputLayout.of(bundle.manifest().task(), options.monteCarlo());
    }

    /**
     * Scores a file, streaming: a reader thread parses, validates and preprocesses
     * rows into batches, this thread runs the model on each batch, a writer thread
     * turns the outputs into scored rows for the sink. Bounded queues between them
     * keep memory flat; the sink is called on the writer thread, in input order.
     */
    public ScoringSummary score(Path input, ScoringOptions options, ScoredRowSink sink,
                                ScoringProgress.Listener progress, BooleanSupplier cancelled) {
        double temperature = temperature(options);
        long start = System.nanoTime();
        try (CsvSource source = CsvSource.open(input, options.dialect())) {
            RowValidator validator = RowValidator.bind(bundle.manifest().schema(),
                    options.columns().apply(source.header()), input.toString(), source.dialect());
            sink.begin(source.header(), layout(options));
            long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Pipeline<Batch> toModel = new Pipeline<>(4, failure, cancelled);
            Pipeline<Batch> toWriter = new Pipeline<>(4, failure, cancelled);
            BatchReader reader = new BatchReader(source, validator, options, toModel, preprocessor,
                    bundle.manifest().features().size());
            Thread readerThread = stage("predictbench-reader", failure, reader::run);
            AtomicLong invalidOutputs = new AtomicLong();
            Thread writerThread = stage("predictbench-writer", failure, () -> {
                long written = 0;
                for (Batch batch = toWriter.take(); batch != null; batch = toWriter.take()) {
                    invalidOutputs.addAndGet(emit(batch, temperature, options, sink));
                    written += batch.size();
                    report(progress, source, written, reader.invalidRows() + invalidOutputs.get(), start);
                }
            });
            try {
                long batchIndex = 0;
                for (Batch batch = toModel.take(); batch != null; batch = toModel.take()) {
                    batch.setOutputs(infer(batch, options, batchSeed(seed, batchIndex++)));
                    toWriter.put(batch);
                }
                toWriter.end();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            join(readerThread);
            join(writerThread);
            ValidationFailure stoppedAt = reader.stoppedAt();
            if (failure.get() instanceof OutputStop stop) {
                stoppedAt = stop.failure;
            } else {
                rethrow(failure.get());
            }
            return new ScoringSummary(reader.rows(), reader.invalidRows() + invalidOutputs.get(), seconds(start),
                    device(), temperature, options.monteCarlo() ? seed : null, stoppedAt);
        }
    }

    /** Binds the schema to columns that come from elsewhere than a file (a Spark partition's header). */
    public RowValidator validator(List<String> header, String source, ScoringOptions options) {
        return RowValidator.bind(bundle.manifest().schema(), options.columns().apply(header), source,
                options.dialect());
    }

    /** The calibration temperature a run uses: the option's, else the bundle's. */
    double temperature(ScoringOptions options) {
        return options.temperature() != null ? options.temperature() : bundle.manifest().temperature();
    }

    Preprocessor preprocessor() {
        return preprocessor;
    }

    Batch newBatch(ScoringOptions options) {
        return new Batch(options.batchSize(), preprocessor.width(), bundle.manifest().features().size());
    }

    /**
     * Runs the model on the batch's valid rows and checks the output has one row per input row
     * (per pass) and the width found at the dry run: an output that depends on the batch would
     * otherwise hand each row another row's values.
     */
    ModelOutputs infer(Batch batch, ScoringOptions options, long seed) {
        if (batch.validCount() == 0) {
            return null;
        }
        long expectedRows = options.monteCarlo() ? (long) batch.validCount() * options.mcPasses() : batch.validCount();
        ModelOutputs outputs;
        try {
            outputs = forward(batch, options, seed);
        } catch (OutputShapeException e) {
            throw shapeChanged(batch, options, expectedRows, e.shape());
        }
        if (outputs.rows() != expectedRows || outputs.perRow() != predictions.outputWidth()) {
            throw shapeChanged(batch, options, expectedRows, "[" + outputs.rows() + ", " + outputs.perRow() + "]");
        }
        return outputs;
    }

    private InputException shapeChanged(Batch batch, ScoringOptions options, long expectedRows, String actual) {
        String rows = batch.validCount() + (batch.validCount() == 1 ? " row" : " rows")
                + (options.monteCarlo() ? " x " + options.mcPasses() + " MC passes" : "");
        return new InputException(bundle.modelFile() + ": the model returns shape " + actual + " for the batch of "
                + rows + " starting at row " + batch.row(0).row() + ", expected [" + expectedRows + ", "
                + predictions.outputWidth() + "] as at the dry run; a model whose output depends on the batch would"
                + " give rows other rows' outputs, so nothing is scored");
    }

    private ModelOutputs forward(Batch batch, ScoringOptions options, long seed) {
        if (!options.monteCarlo()) {
            return model.forward(batch.inputs(), batch.validCount(), preprocessor.width());
        }
        // The engine's random seed is global: stochastic passes of threads sharing a scorer take turns.
        synchronized (model) {
            return model.forwardStochastic(batch.inputs(), batch.validCount(), preprocessor.width(),
                    options.mcPasses(), seed);
        }
    }

    /** Each batch gets its own seed from the run's, so its passes do not depend on what ran before. */
    static long batchSeed(long seed, long batchIndex) {
        long z = seed + 0x9E3779B97F4A7C15L * (batchIndex + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Thread stage(String name, AtomicReference<Throwable> failure, Stage body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while scoring");
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof InterruptedException) {
            throw new CancellationException("interrupted while scoring");
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /**
     * Hands the batch's rows to the sink in order. A valid row whose model output cannot be scored
     * (NaN, infinite) becomes invalid here, and is kept, skipped or stops the run as
     * {@link ScoringOptions#invalidRows} says ({@link OutputStop}).
     *
     * @return how many rows became invalid because of their model output
     */
    int emit(Batch batch, double temperature, ScoringOptions options, ScoredRowSink sink) {
        int next = 0;
        int invalidOutputs = 0;
        for (int i = 0; i < batch.size(); i++) {
            DataRow row = batch.row(i);
            List<ValidationFailure> failures = batch.failures(i);
            if (failures.isEmpty()) {
                ScoredRow scored = options.monteCarlo()
                        ? predictions.scoredFromPasses(row, batch.outputs(), next++, batch.validCount(),
                                options.mcPasses(), temperature)
                        : predictions.scored(row, batch.outputs(), next++, temperature);
                if (scored.valid()) {
                    sink.accept(scored);
                    continue;
                }
                invalidOutputs++;
                if (options.invalidRows() == InvalidRows.FAIL) {
                    throw new OutputStop(scored.failures().get(0));
                }
                failures = scored.failures();
            }
            if (options.invalidRows() != InvalidRows.SKIP) {
                sink.accept(ScoredRow.invalid(row, failures));
            }
        }
        return invalidOutputs;
    }

    /** Ends a run with {@link InvalidRows#FAIL} at the first row whose model output cannot be scored. */
    static final class OutputStop extends RuntimeException {
        final transient ValidationFailure failure;

        OutputStop(ValidationFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private static void report(ScoringProgress.Listener progress, CsvSource source, long rows, long invalid,
                               long start) {
        double fraction = source.totalBytes() == 0 ? 1 : Math.min(1, (double) source.bytesRead() / source.totalBytes());
        long estimate = fraction > 0 ? Math.max(rows, Math.round(rows / fraction)) : rows;
        double seconds = seconds(start);
        progress.onProgress(new ScoringProgress(rows, invalid, fraction, estimate, seconds > 0 ? rows / seconds : 0));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        model.close();
    }
}
