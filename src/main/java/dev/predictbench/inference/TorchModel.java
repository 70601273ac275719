package dev.predictbench.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A TorchScript module loaded through DJL, run as a plain function from a float
 * batch [N, W] to outputs [N] or [N, K]. Each batch's tensors live in a sub-manager
 * that is closed at once, so native memory does not grow. Not thread-safe: use one
 * instance per inference thread.
 */
public final class TorchModel implements AutoCloseable {

    private final ZooModel<NDList, NDList> model;
    private final Device device;
    private final ParameterStore parameters;
    /** Reused for every batch: DJL would otherwise allocate a direct buffer per call, freed only by GC. */
    private ByteBuffer staging = ByteBuffer.allocateDirect(0);

    private TorchModel(ZooModel<NDList, NDList> model, Device device) {
        this.model = model;
        this.device = device;
        this.parameters = new ParameterStore(model.getNDManager(), false);
    }

    public static TorchModel load(Path file, Device device) {
        TorchRuntime.engine();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine(TorchRuntime.ENGINE)
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchModel(criteria.loadModel(), device);
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
            throw new InputException(file + ": not a TorchScript model libtorch can load ("
                    + firstLine(e.getMessage()) + "); export it with torch.jit.script or torch.jit.trace", e);
        }
    }

    public Device device() {
        return device;
    }

    /** Runs {@code rows} rows of {@code width} floats (the first rows*width entries of {@code input}). */
    public ModelOutputs forward(float[] input, int rows, int width) {
        // Grad mode is per thread in libtorch; make sure this thread records no graph.
        JniUtils.setGradMode(false);
        try (NDManager batch = model.getNDManager().newSubManager(device)) {
            NDArray x = batch.create(stage(input, rows * width), new Shape(rows, width), DataType.FLOAT32);
            NDArray y = model.getBlock().forward(parameters, new NDList(x), false).head();
            long[] shape = y.getShape().getShape();
            if (shape.length == 0 || shape.length > 2 || shape[0] != rows) {
                throw new InputException("the model returns shape " + Arrays.toString(shape) + " for input ["
                        + rows + ", " + width + "]; expected [N] or [N, K]");
            }
            int perRow = shape.length == 1 ? 1 : Math.toIntExact(shape[1]);
            float[] values = y.getDataType() == DataType.FLOAT32 ? y.toFloatArray()
                    : y.toType(DataType.FLOAT32, false).toFloatArray();
            return new ModelOutputs(values, rows, perRow);
        } catch (EngineException e) {
            throw new InputException("the model failed on input [" + rows + ", " + width + "]: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private ByteBuffer stage(float[] input, int count) {
        if (staging.capacity() < count * Float.BYTES) {
            staging = ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        staging.asFloatBuffer().put(input, 0, count);
        staging.limit(count * Float.BYTES);
        return staging;
    }

    @Override
    public void close() {
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
