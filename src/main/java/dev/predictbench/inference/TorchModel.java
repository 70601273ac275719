package dev.predictbench.inference;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.translate.NoopTranslator;
import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A TorchScript module loaded through DJL, run as a plain function from a float
 * batch [N, W] to outputs [N] or [N, K]. Each batch's tensors live in a sub-manager
 * that is closed at once, so native memory does not grow. The module is put in eval
 * mode once and never switched: Monte-Carlo dropout runs on a separate copy in which
 * only dropout trains ({@link DropoutOnlyCopy}), so no pass can change BatchNorm's
 * statistics. Not thread-safe: use one instance per inference thread.
 */
public final class TorchModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TorchModel.class.getName());

    /** Upper bound on floats in one stochastic forward; more passes are run in chunks. */
    private static final long MAX_TILED_FLOATS = 2L << 20;
    /**
     * Upper bound on rows (row copies) in one stochastic forward: the activations of a tiled batch,
     * not its input, are what libtorch's allocator holds on to afterwards.
     */
    private static final long MAX_TILED_ROWS = 1024;

    /** Dict outputs are read by these keys, in this order. */
    public static final List<String> OUTPUT_KEYS = List.of("logits", "probabilities", "probs");

    private final Path file;
    private final Model model;
    private final Device device;
    private final InputQuantizer quantizer;
    private final DataType parameterType;
    /** Empty for one float input [N, W]; else the row is split into these inputs, in order. */
    private final List<ModelInput> inputs;
    /**
     * Reused for every batch: DJL would otherwise allocate a direct buffer per call, freed only by
     * GC. One per thread, since threads may share a model (Spark tasks on one executor do), and
     * shared by all models, so loading model after model does not leave a buffer behind each.
     */
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));
    /** The key a dict output was read by, or null for a plain tensor. */
    private String outputKey;
    /** Loaded on the first Monte-Carlo pass. */
    private TorchModel dropoutCopy;

    private TorchModel(Path file, Model model, Device device, InputQuantizer quantizer, List<ModelInput> inputs) {
        this.file = file;
        this.model = model;
        this.device = device;
        this.quantizer = quantizer;
        this.inputs = List.copyOf(inputs);
        this.parameterType = parameterType(model, quantizer);
    }

    /** fp16 models get fp16 input (fp32 input to them fails); bf16 cannot pass DJL's JNI safely. */
    private static DataType parameterType(Model model, InputQuantizer quantizer) {
        if (quantizer != null) {
            return DataType.INT8;
        }
        var parameters = model.getBlock().getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            var array = parameters.valueAt(i).getArray();
            DataType type = array == null ? null : array.getDataType();
            if (type == DataType.FLOAT16 || type == DataType.FLOAT64) {
                return type;
            }
            if (type == DataType.BFLOAT16) {
                model.close();
                throw new InputException("the model's weights are bfloat16, which PredictBench cannot feed through"
                        + " DJL safely; export it in float32 or float16");
            }
            if (type != null) {
                return DataType.FLOAT32;
            }
        }
        return DataType.FLOAT32;
    }

    /** What the model is fed: "fp32", "fp16", "fp64" or "int8" (quantized input). */
    public String precision() {
        return switch (parameterType) {
            case FLOAT16 -> "fp16";
            case FLOAT64 -> "fp64";
            case INT8 -> "int8";
            default -> "fp32";
        };
    }

    public static TorchModel load(Path file, Device device) {
        return load(file, device, null);
    }

    /** @param quantizer turns float inputs into int8 for models that take quantized input, or null */
    public static TorchModel load(Path file, Device device, InputQuantizer quantizer) {
        return load(file, device, quantizer, List.of());
    }

    /** @param inputs how the row is split into the model's positional inputs; empty for one float tensor */
    public static TorchModel load(Path file, Device device, InputQuantizer quantizer, List<ModelInput> inputs) {
        // The model's code is read before libtorch sees it: a model may only compute.
        TorchScriptCheck.check(file);
        // DJL puts the module in eval mode on load; every forward below runs it as it is, never switched.
        TorchRuntime.engine();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine(TorchRuntime.ENGINE)
                .optDevice(device)
                // Models saved from CUDA tensors load on any device: tensors are mapped to ours.
                .optOption("mapLocation", "true")
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchModel(file, criteria.loadModel(), device, quantizer, inputs);
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
            throw new InputException(file + ": not a TorchScript model libtorch can load ("
                    + firstLine(e.getMessage()) + "); export it with torch.jit.script or torch.jit.trace", e);
        }
    }

    public Device device() {
        return device;
    }

    /** How a row is split into the model's inputs; empty for one float tensor. */
    public List<ModelInput> inputs() {
        return inputs;
    }

    /** Runs {@code rows} rows of {@code width} floats (the first rows*width entries of {@code input}). */
    public ModelOutputs forward(float[] input, int rows, int width) {
        return splitOnOutOfMemory(0, rows, 1, (offset, n, copies) -> run(input, offset, n, width, copies));
    }

    /**
     * Monte-Carlo dropout: {@code passes} forward passes with dropout active, seeded so the
     * same seed gives the same passes. The input is tiled so that one forward covers many
     * passes (each row copy draws its own dropout mask). Outputs are pass-major:
     * row r of pass t is output row {@code t * rows + r}.
     */
    public ModelOutputs forwardStochastic(float[] input, int rows, int width, int passes, long seed) {
        TorchModel copy = dropoutCopy();
        int chunk = (int) Math.max(1, Math.min(passes, Math.min(MAX_TILED_FLOATS / Math.max(1, (long) rows * width),
                MAX_TILED_ROWS / Math.max(1, rows))));
        float[] values = null;
        int perRow = 0;
        TorchRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        for (int done = 0; done < passes; done += chunk) {
            int n = Math.min(chunk, passes - done);
            ModelOutputs part = splitOnOutOfMemory(0, rows, n, (offset, r, c) -> copy.run(input, offset, r, width, c));
            if (values == null) {
                perRow = part.perRow();
                values = new float[passes * rows * perRow];
            } else if (part.perRow() != perRow) {
                // Copied at the first chunk's width, a narrower or wider chunk would shift every row after it.
                throw new OutputShapeException(new long[] {part.rows(), part.perRow()}, part.rows(),
                        "the model returns " + part.perRow() + " values per row for passes " + (done + 1) + "-"
                                + (done + n) + " but " + perRow + " for the passes before");
            }
            System.arraycopy(part.values(), 0, values, done * rows * perRow, n * rows * perRow);
        }
        return new ModelOutputs(values, passes * rows, perRow);
    }

    /**
     * The same model with dropout in training mode and everything else in eval mode, loaded
     * from a patched copy of the file (a temporary file, deleted once loaded).
     */
    private TorchModel dropoutCopy() {
        if (dropoutCopy == null) {
            DropoutOnlyCopy.Copy copy = DropoutOnlyCopy.of(file);
            // Loaded from a stream: DJL's stream loader, unlike its file loader, keeps the modes as saved.
            Model mc = Model.newInstance(file.getFileName() + "-mc", device, TorchRuntime.ENGINE);
            try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(copy.file()))) {
                mc.load(in, java.util.Map.of("mapLocation", "true"));
            } catch (IOException | MalformedModelException | EngineException e) {
                mc.close();
                throw new InputException(file + ": the copy for Monte-Carlo dropout does not load ("
                        + firstLine(e.getMessage()) + ")", e);
            } finally {
                DropoutOnlyCopy.deleteQuietly(copy.file());
            }
            dropoutCopy = new TorchModel(file, mc, device, quantizer, inputs);
        }
        return dropoutCopy;
    }

    /** The key a dict output was read by ("logits", "probabilities" or "probs"), or null for a tensor. */
    public String outputKey() {
        return outputKey;
    }

    /** One forward pass over {@code rows} rows starting at row {@code offset}, tiled {@code copies} times. */
    interface Run {
        ModelOutputs apply(int offset, int rows, int copies);
    }

    /**
     * Runs a batch; when the device runs out of memory, splits it in two and retries each
     * half (first the MC copies, then the rows), so a too-large batch slows down instead of
     * failing. Outputs keep their order: pass-major, then rows.
     */
    static ModelOutputs splitOnOutOfMemory(int offset, int rows, int copies, Run run) {
        try {
            return run.apply(offset, rows, copies);
        } catch (InputException e) {
            if (!isOutOfMemory(e) || rows * copies == 1) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "out of device memory at " + rows + " rows x " + copies
                    + " copies; retrying in two halves");
            ModelOutputs first;
            ModelOutputs second;
            if (copies > 1) {
                first = splitOnOutOfMemory(offset, rows, copies / 2, run);
                second = splitOnOutOfMemory(offset, rows, copies - copies / 2, run);
            } else {
                first = splitOnOutOfMemory(offset, rows / 2, 1, run);
                second = splitOnOutOfMemory(offset + rows / 2, rows - rows / 2, 1, run);
            }
            if (first.perRow() != second.perRow()) {
                throw new OutputShapeException(new long[] {second.rows(), second.perRow()}, second.rows(),
                        "the model returns " + second.perRow() + " values per row for the second half of a batch"
                                + " split for memory but " + first.perRow() + " for the first half");
            }
            float[] values = Arrays.copyOf(first.values(), first.values().length + second.values().length);
            System.arraycopy(second.values(), 0, values, first.values().length, second.values().length);
            return new ModelOutputs(values, first.rows() + second.rows(), first.perRow());
        }
    }

    private static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("out of memory")) {
                return true;
            }
        }
        return false;
    }

    private ModelOutputs run(float[] input, int offset, int rows, int width, int copies) {
        // Grad mode is per thread in libtorch; make sure this thread records no graph.
        JniUtils.setGradMode(false);
        // No graph-executor optimisation (per thread too): it profiles the first calls and again for
        // every new batch shape (the dry run, the parity rows, a file's last batch), which costs more
        // at start-up than it gains on a model this size; what each operator computes is unchanged.
        JniUtils.setGraphExecutorOptimize(false);
        int total = rows * copies;
        try (NDManager batch = model.getNDManager().newSubManager(device)) {
            NDList x;
            if (inputs.isEmpty()) {
                NDArray one = batch.create(stage(input, offset * width, rows * width, copies), new Shape(total, width),
                        quantizer == null ? DataType.FLOAT32 : DataType.INT8);
                x = new NDList(asParameterType(one));
            } else {
                x = split(batch, input, offset, rows, width, copies);
            }
            // Straight to the module: DJL's Block.forward would switch train/eval modes on its own.
            NDArray y = singleOutput(IValueUtils.forward((PtSymbolBlock) model.getBlock(), x, false));
            long[] shape = y.getShape().getShape();
            if (shape.length == 0 || shape.length > 2 || shape[0] != total) {
                throw new OutputShapeException(shape, total, "the model returns shape " + Arrays.toString(shape)
                        + " for input [" + total + ", " + width + "]; expected [N] or [N, K]");
            }
            int perRow = shape.length == 1 ? 1 : Math.toIntExact(shape[1]);
            float[] values = y.getDataType() == DataType.FLOAT32 ? y.toFloatArray()
                    : y.toType(DataType.FLOAT32, false).toFloatArray();
            return new ModelOutputs(values, total, perRow);
        } catch (EngineException e) {
            throw new InputException("the model failed on input [" + total + ", " + width + "]: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private NDArray asParameterType(NDArray x) {
        return parameterType == DataType.FLOAT16 || parameterType == DataType.FLOAT64
                ? x.toType(parameterType, false) : x;
    }

    /**
     * The rows cut into the model's inputs: each takes the next columns, as floats or as int64.
     * An int64 input gets only whole numbers; anything else would be truncated silently.
     */
    private NDList split(NDManager batch, float[] input, int offset, int rows, int width, int copies) {
        NDList x = new NDList(inputs.size());
        int total = rows * copies;
        int start = 0;
        for (ModelInput in : inputs) {
            int w = in.width();
            long[] longs = in.int64() ? new long[total * w] : null;
            float[] floats = in.int64() ? null : new float[total * w];
            for (int r = 0; r < rows; r++) {
                int from = (offset + r) * width + start;
                for (int j = 0; j < w; j++) {
                    float v = input[from + j];
                    if (longs != null && (v != Math.rint(v) || Float.isInfinite(v))) {
                        throw new InputException("input \"" + in.name() + "\" is int64 but column " + (j + 1)
                                + " of it is " + v + "; an int64 input takes whole numbers (category indices)");
                    }
                    for (int c = 0; c < copies; c++) {
                        int at = (c * rows + r) * w + j;
                        if (longs != null) {
                            longs[at] = (long) v;
                        } else {
                            floats[at] = v;
                        }
                    }
                }
            }
            Shape shape = new Shape(total, w);
            x.add(longs != null ? batch.create(longs, shape) : asParameterType(batch.create(floats, shape)));
            start += w;
        }
        return x;
    }

    /** A tensor as it is; a dict by a known key; anything else is refused, naming what came back. */
    private NDArray singleOutput(NDList outputs) {
        if (outputs.size() == 1 && outputs.head().getName() == null) {
            return outputs.head();
        }
        List<String> names = outputs.stream().map(NDArray::getName).toList();
        for (String key : OUTPUT_KEYS) {
            int at = names.indexOf(key);
            if (at >= 0) {
                outputKey = key;
                return outputs.get(at);
            }
        }
        List<String> shapes = outputs.stream().map(a -> a.getShape().toString()).toList();
        throw new InputException("the model returns " + outputs.size() + " values "
                + (names.stream().allMatch(java.util.Objects::nonNull) ? "keyed " + names : "(a tuple or list)")
                + " of shapes " + shapes + "; PredictBench reads a single tensor, or a dict with one of the keys "
                + OUTPUT_KEYS + "; export a forward that returns the logits tensor");
    }

    /** Copies {@code count} inputs, {@code copies} times, into the reused direct buffer (as int8 if quantized). */
    private ByteBuffer stage(float[] input, int from, int count, int copies) {
        int bytes = count * copies * (quantizer == null ? Float.BYTES : 1);
        ByteBuffer staging = STAGING.get();
        if (staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            STAGING.set(staging);
        }
        staging.clear();
        for (int c = 0; c < copies; c++) {
            if (quantizer == null) {
                staging.asFloatBuffer().position(c * count).put(input, from, count);
            } else {
                quantizer.quantize(input, from, count, staging);
            }
        }
        staging.position(0).limit(bytes);
        return staging;
    }

    @Override
    public void close() {
        if (dropoutCopy != null) {
            dropoutCopy.close();
        }
        model.close();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("no details");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
