package dev.predictbench.ui;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread takes to run a trivial task, every 50 ms, and
 * logs when it was blocked for more than 100 ms: the UI must never wait on work.
 * Tests read {@link #maxLatencyMillis()} during long work.
 */
public final class FxWatchdog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxWatchdog.class.getName());
    private static final long BLOCKED_MILLIS = 100;

    private final AtomicLong maxLatency = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private FxWatchdog() {
        thread = new Thread(this::watch, "predictbench-fx-watchdog");
        thread.setDaemon(true);
    }

    public static FxWatchdog start() {
        FxWatchdog watchdog = new FxWatchdog();
        watchdog.thread.start();
        return watchdog;
    }

    private void watch() {
        long started = System.nanoTime();
        while (running) {
            long posted = System.nanoTime();
            AtomicLong ran = new AtomicLong();
            Platform.runLater(() -> ran.set(System.nanoTime()));
            try {
                Thread.sleep(50);
                while (ran.get() == 0 && running) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            }
            long latency = (ran.get() - posted) / 1_000_000;
            maxLatency.accumulateAndGet(latency, Math::max);
            if (latency > BLOCKED_MILLIS) {
                // JavaFX's own first layout and CSS pass takes longer; only later pauses are ours to fix.
                boolean warmingUp = System.nanoTime() - started < 10_000_000_000L;
                LOG.log(warmingUp ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                        "the FX thread was blocked for " + latency + " ms");
            }
        }
    }

    public long maxLatencyMillis() {
        return maxLatency.get();
    }

    public void reset() {
        maxLatency.set(0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
