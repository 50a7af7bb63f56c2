package io.tidecast.connectors.replay;

/** Progress of a replay; called on the replaying thread, so it must be quick (e.g. update a progress bar). */
@FunctionalInterface
public interface ReplayProgress {
    ReplayProgress NONE = (sent, total) -> {};

    /** {@code sent} records handed to the producer so far (acknowledged once {@code sent == total}). */
    void onProgress(long sent, long total);
}
