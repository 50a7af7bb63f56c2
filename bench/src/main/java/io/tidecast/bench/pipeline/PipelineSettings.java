package io.tidecast.bench.pipeline;

import java.nio.file.Path;
import java.util.List;

/** What one {@code tidecast bench pipeline} run measures. */
record PipelineSettings(int keys, double rateHz, int durationSeconds, List<String> learners, double historySeconds,
                        List<Long> horizonsMs, long checkpointIntervalMs, String stateBackend, boolean atLeastOnce,
                        int parallelism, int warmupSamples, String source, Path extMarkerDir, long seed, Long bufferTimeoutMs, Long sinkLingerMs, boolean unalignedCheckpoints,
                        Path checkpointDir, boolean latencySamples, java.util.Map<String, String> flink,
                        boolean throughput, boolean latency, Path out, double jitWarmupSeconds,
                        double minWindowSeconds) {

    int history() {
        return Math.max(1, (int) Math.round(historySeconds * rateHz));
    }

    /** Samples per key after the warm-up, per run. */
    int steadySamples() {
        return (int) Math.round(rateHz * durationSeconds);
    }
}
