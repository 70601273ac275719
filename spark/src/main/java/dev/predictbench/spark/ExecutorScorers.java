package dev.predictbench.spark;

import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * One scorer per executor JVM and bundle: the model is loaded (and its parity rows checked,
 * on this executor's own libtorch) by the first task that needs it; the tasks running at
 * the same time on the executor share it.
 */
final class ExecutorScorers {

    private static final ConcurrentHashMap<String, Scorer> OPEN = new ConcurrentHashMap<>();

    private ExecutorScorers() {
    }

    /** @param shipped the bundle's file name as shipped with {@code SparkContext.addFile} */
    static Scorer get(String shipped, ScoringOptions options, Integer torchThreads) {
        return OPEN.computeIfAbsent(shipped + "#mc=" + options.monteCarlo(), key -> {
            sizeTorchThreads(torchThreads);
            return Scorer.open(BundleLoader.load(Path.of(SparkFiles.get(shipped))), options);
        });
    }

    /**
     * Each task owns spark.task.cpus cores and the executor runs as many tasks as it has
     * cores for: libtorch gets that many intra-op threads per task, not one per core of the
     * machine (which would oversubscribe it tasks-fold). Set before the engine starts.
     */
    private static void sizeTorchThreads(Integer torchThreads) {
        int threads = torchThreads != null ? torchThreads
                : SparkEnv.get() == null ? 1 : SparkEnv.get().conf().getInt("spark.task.cpus", 1);
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, threads)));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
