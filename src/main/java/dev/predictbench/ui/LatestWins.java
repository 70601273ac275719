package dev.predictbench.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Work re-triggered by a slider: each request replaces the one before; it runs after
 * a short debounce on a background thread, and its result reaches the FX thread only
 * if no newer request came meanwhile (as mzmine's LatestTaskScheduler does).
 */
public final class LatestWins implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "predictbench-latest-wins");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private final long debounceMillis;
    private ScheduledFuture<?> pending;

    public LatestWins(long debounceMillis) {
        this.debounceMillis = debounceMillis;
    }

    /** Called on the FX thread. */
    public <T> void submit(Supplier<T> work, Consumer<T> onFxThread) {
        long mine = generation.incrementAndGet();
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(() -> {
            if (generation.get() != mine) {
                return;
            }
            T result = work.get();
            Platform.runLater(() -> {
                if (generation.get() == mine) {
                    onFxThread.accept(result);
                }
            });
        }, debounceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
