package dev.predictbench.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;

/**
 * The one background thread that touches the model: loading, scoring. A DJL model
 * and libtorch's grad mode belong to a thread, so all engine work is serialised
 * here and the FX thread never waits on it.
 */
public final class EngineExecutor implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "predictbench-engine");
        thread.setDaemon(true);
        return thread;
    });

    public <T> Task<T> submit(Task<T> task) {
        executor.execute(task);
        return task;
    }

    /** Runs what is queued (closing the model, say) for up to two seconds, then interrupts the rest. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
