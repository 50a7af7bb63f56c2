package io.tidecast.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The table on stdout and {@code bench.json}. */
final class PipelineReport {
    private PipelineReport() {}

    static String table(Map<String, Object> r) {
        PipelineBench.Result id = (PipelineBench.Result) r.get("identity");
        PipelineBench.Result ln = (PipelineBench.Result) r.get("learners");
        @SuppressWarnings("unchecked")
        Map<String, Object> cb = (Map<String, Object>) r.get("computeBound");
        @SuppressWarnings("unchecked")
        Map<String, Object> st = (Map<String, Object>) r.get("settings");
        StringBuilder b = new StringBuilder();
        b.append(String.format("%nbench pipeline: %s keys x %s Hz, %s s, state %s, %s sink, parallelism %s, checkpoints every %s ms%n",
                st.get("keys"), st.get("rateHz"), st.get("durationSeconds"), st.get("state"), st.get("sink"), st.get("parallelism"),
                st.get("checkpointIntervalMs")));
        b.append("| pipeline | samples/s | forecasts/s | CPU µs/sample | committed | latency p50 ms | p99 ms | max ms | state bytes/key |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (PipelineBench.Result x : new PipelineBench.Result[] {id, ln}) {
            b.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", x.pipeline, num(x.samplesPerSecond),
                    num(x.forecastsPerSecond), ms(x.cpuMicrosPerSample), committed(x), ms(x.latencyP50Ms), ms(x.latencyP99Ms), ms(x.latencyMaxMs),
                    num(x.stateBytesPerKey)));
        }
        for (PipelineBench.Result x : new PipelineBench.Result[] {id, ln}) {
            if (x.expectedThroughput > 0) {
                b.append(String.format("%s throughput run: after a JIT warm-up of %s s (%d unmeasured passes), the JIT compiler took %s %% of the "
                                + "CPU (%s µs per sample) in the measured window of %s s%n", x.pipeline, ms(x.jitWarmupSeconds), x.jitWarmupPasses,
                        ms(100 * x.jitCpuShare), ms(x.jitCpuMicrosPerSample), ms(x.throughputWindowSeconds)));
            }
        }
        for (PipelineBench.Result x : new PipelineBench.Result[] {id, ln}) {
            if (x.checkpointsCompleted > 0) {
                b.append(String.format("%s latency run: %d checkpoints, end-to-end duration p50 %s ms, max %s ms; newest, slowest subtask: "
                                + "barrier delay %s ms, alignment %s ms, sync %s ms, async %s ms%n",
                        x.pipeline, x.checkpointsCompleted, ms(x.checkpointP50Ms), ms(x.checkpointMaxMs), ms(x.lastCheckpointStartDelayMs),
                        ms(x.lastCheckpointAlignmentMs), ms(x.lastCheckpointSyncMs), ms(x.lastCheckpointAsyncMs)));
            }
        }
        b.append(String.format("%ncompute-bound: %s ns per sample (ns per step %s, RLS horizons sharing P %s, networks serving all horizons %s, %s horizons) on %s cores = %s samples/s%n",
                num((Double) cb.get("nanosPerSample")), rounded(cb.get("nanosPerStep")), rounded(cb.get("nanosPerSharedCovarianceStep")),
                rounded(cb.get("nanosPerSharedNetworkStep")), cb.get("horizons"), cb.get("cores"),
                num((Double) cb.get("samplesPerSecond"))));
        b.append(String.format("identity %s | compute-bound %s | measured %s samples/s | ratio to the lower limit %s%n",
                num(id.samplesPerSecond), num((Double) cb.get("samplesPerSecond")), num(ln.samplesPerSecond),
                Double.isNaN((Double) r.get("ratio")) ? "-" : String.format("%.0f %%", 100 * (Double) r.get("ratio"))));
        if (r.get("additiveCeilingSamplesPerSecond") instanceof Double ceiling) {
            b.append(String.format("identity's cost plus the learners' compute per sample, nothing else: %s samples/s at most; measured %s of that%n",
                    num(ceiling), Double.isNaN(ceiling) ? "-" : String.format("%.0f %%", 100 * (Double) r.get("ratioToAdditiveCeiling"))));
        }
        return b.toString();
    }

    private static String committed(PipelineBench.Result x) {
        String a = x.expectedThroughput > 0 ? x.committedThroughput + "/" + x.expectedThroughput : "";
        String l = x.expectedLatency > 0 ? x.committedLatency + "/" + x.expectedLatency : "";
        return a.isEmpty() ? l : l.isEmpty() ? a : a + ", " + l;
    }

    private static String rounded(Object map) {
        StringBuilder b = new StringBuilder("{");
        ((Map<?, ?>) map).forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(num((Double) v)));
        return b.append('}').toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,.0f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f", v);
    }

    static Path write(Path dir, Map<String, Object> report) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("bench.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), report);
        return f;
    }
}
