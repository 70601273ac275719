package dev.predictbench.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.predictbench.InputException;

/**
 * The one place that starts DJL's PyTorch engine. It switches DJL to offline mode
 * and opts out of usage tracking before the engine class is first touched, so the
 * natives come from the bundled Maven jar and nothing is ever downloaded or sent.
 */
public final class TorchRuntime {

    public static final String ENGINE = "PyTorch";

    private TorchRuntime() {
    }

    /**
     * Safe to call many times; must run before anything loads {@code ai.djl.engine.Engine}.
     * Also sizes libtorch's thread pools unless the user did: scoring keeps two cores busy
     * reading and writing, so libtorch gets the others (at least one). More intra-op
     * threads than free cores make OpenMP spin against the pipeline and slow it down.
     */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 2);
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Starts the engine on a daemon thread, so that loading libtorch overlaps the work before
     * the first model is needed; {@link #engine()} then finds it started (or waits for it).
     * A failure is left for {@link #engine()} to report.
     */
    public static void startInBackground() {
        Thread starter = new Thread(() -> {
            try {
                engine();
            } catch (RuntimeException | Error e) {
                // engine() reports it when the engine is needed
            }
        }, "predictbench-engine-start");
        starter.setDaemon(true);
        starter.start();
    }

    public static Engine engine() {
        configureOffline();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            QuickExit.afterLibtorchLoaded();
            return engine;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            String flavor = bundledFlavor();
            if (flavor.startsWith("cu")) {
                throw new InputException("the PyTorch engine cannot start: this build bundles CUDA (" + flavor
                        + ") natives, which need an NVIDIA GPU and driver that this machine lacks; use the CPU"
                        + " build (mvn package without -Pgpu)", e);
            }
            throw new InputException("the PyTorch engine cannot start: " + e.getMessage()
                    + " (its natives come from the pytorch-native jar in lib/; check DJL_CACHE_DIR is writable)", e);
        }
    }

    /** The flavor of the bundled libtorch natives: "cpu", or "cu124" for the -Pgpu build. */
    static String bundledFlavor() {
        try (var in = TorchRuntime.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("flavor", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /** Picks the device; {@code gpu} without one is the user's error, named plainly. */
    public static Device device(DeviceChoice choice) {
        int gpus = gpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new InputException("--device gpu: the PyTorch engine sees no GPU on this machine "
                            + "(this build uses CPU natives; build with -Pgpu for CUDA), use --device cpu or auto");
                }
                yield Device.gpu();
            }
        };
    }

    public static EngineInfo info() {
        Engine engine = engine();
        return new EngineInfo(Engine.getDjlVersion(), engine.getVersion(), engine.getGpuCount(),
                engine.defaultDevice().toString());
    }

    /** What the status bar and the environment dialog show. */
    public record EngineInfo(String djlVersion, String libtorchVersion, int gpuCount, String defaultDevice) {
    }
}
