package dev.predictbench.scoring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A bounded hand-over between pipeline stages running on their own threads. A
 * stage that fails records its error and every other stage stops at its next
 * hand-over, so no thread waits forever and the first error is what the caller sees.
 * The small capacity is what keeps memory flat: a fast reader waits for the model.
 */
final class Pipeline<T> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final AtomicReference<Throwable> failure;
    private final BooleanSupplier cancelled;

    Pipeline(int capacity, AtomicReference<Throwable> failure, BooleanSupplier cancelled) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.failure = failure;
        this.cancelled = cancelled;
    }

    void put(T item) throws InterruptedException {
        offer(item);
    }

    void end() throws InterruptedException {
        offer(END);
    }

    /** @return the next item, or null at the end of the stream */
    @SuppressWarnings("unchecked")
    T take() throws InterruptedException {
        while (true) {
            checkRunning();
            Object item = queue.poll(50, TimeUnit.MILLISECONDS);
            if (item == END) {
                return null;
            }
            if (item != null) {
                return (T) item;
            }
        }
    }

    private void offer(Object item) throws InterruptedException {
        while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
            checkRunning();
        }
    }

    private void checkRunning() {
        if (failure.get() != null) {
            throw new StageStopped();
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Thrown in a stage when another stage failed first; not the error the user sees. */
    static final class StageStopped extends RuntimeException {
        StageStopped() {
            super("stopped because another stage failed", null, false, false);
        }
    }
}
