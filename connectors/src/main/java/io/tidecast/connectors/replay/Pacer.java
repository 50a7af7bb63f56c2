package io.tidecast.connectors.replay;

import java.util.concurrent.TimeUnit;

/** Waits until a point of the replay's wall clock; replaceable so that pacing is testable without sleeping. */
@FunctionalInterface
public interface Pacer {
    /** The system clock: {@code start()} marks time zero, then each call waits until {@code dueNanos} after it. */
    static Pacer systemClock() {
        return new Pacer() {
            private long start = Long.MIN_VALUE;

            @Override
            public void awaitNanos(long dueNanos) throws InterruptedException {
                long now = System.nanoTime();
                if (start == Long.MIN_VALUE) {
                    start = now;
                }
                long remaining = dueNanos - (now - start);
                if (remaining > 0) {
                    TimeUnit.NANOSECONDS.sleep(remaining);
                }
            }
        };
    }

    /** Blocks until {@code dueNanos} after the first call (which defines the replay start). */
    void awaitNanos(long dueNanos) throws InterruptedException;
}
