package io.tidecast.jobs.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks until Ctrl-C (or the calling thread is interrupted), for commands that keep serving. */
final class UntilStopped {
    private UntilStopped() {}

    static void await() {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "stop-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            // an interrupt is the stop request itself (tests, embedding code): consumed here so that the caller's
            // resources close normally
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting anyway
            }
        }
    }
}
