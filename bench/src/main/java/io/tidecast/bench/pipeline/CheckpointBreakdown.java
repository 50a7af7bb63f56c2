package io.tidecast.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidecast.jobs.cluster.FlinkRest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a latency run's checkpoints spent their time, from the REST API's checkpoint history (every completed
 * checkpoint of the run, the slowest subtask of each), and how long after the last acknowledgement their outputs
 * became readable to the bench's {@code read_committed} reader: under exactly-once that is the job manager's
 * finalisation (metadata written), the completion notice to the tasks, the sink's transaction commit and the
 * reader's fetch.
 */
final class CheckpointBreakdown {
    /** One completed checkpoint, in ms; the subtask parts are those of the subtask that acknowledged last. */
    record Checkpoint(long id, long triggerMs, long lastAckMs, double endToEnd, double startDelay, double alignment, double sync,
                      double async, double other, long stateBytes) {}

    final List<Checkpoint> checkpoints = new ArrayList<>();

    static CheckpointBreakdown fetch(FlinkRest rest, String jobId) throws IOException {
        CheckpointBreakdown b = new CheckpointBreakdown();
        for (JsonNode h : rest.checkpoints(jobId).path("history")) {
            if (!"COMPLETED".equals(h.path("status").asText())) continue;
            long id = h.path("id").asLong();
            JsonNode slowest = null;
            long stateBytes = 0;
            for (var vertices = rest.checkpointDetails(jobId, id).path("tasks").fieldNames(); vertices.hasNext(); ) {
                for (JsonNode sub : rest.checkpointSubtasks(jobId, id, vertices.next()).path("subtasks")) {
                    stateBytes += sub.path("state_size").asLong(0);
                    if (slowest == null || sub.path("end_to_end_duration").asLong() > slowest.path("end_to_end_duration").asLong()) slowest = sub;
                }
            }
            if (slowest == null) continue;
            double start = slowest.path("start_delay").asDouble(0);
            double align = slowest.path("alignment").path("duration").asDouble(0);
            double sync = slowest.path("checkpoint").path("sync").asDouble(0);
            double async = slowest.path("checkpoint").path("async").asDouble(0);
            // what the parts leave out: the sink's flush before the barrier moves on, the mailbox wait, the ack's trip
            double other = slowest.path("end_to_end_duration").asDouble(0) - start - align - sync - async;
            b.checkpoints.add(new Checkpoint(id, h.path("trigger_timestamp").asLong(), h.path("latest_ack_timestamp").asLong(),
                    h.path("end_to_end_duration").asDouble(), start, align, sync, async, other, stateBytes));
        }
        b.checkpoints.sort((x, y) -> Long.compare(x.id, y.id));
        return b;
    }

    /**
     * Per checkpoint, ms from its last acknowledgement to the reader's first and last poll that returned outputs within
     * {@code windowMs} after it ({@code progress} rows: epoch ms at index 3, outputs so far at index 1).
     */
    double[][] readableLag(List<long[]> progress, long windowMs) {
        double[][] lag = new double[2][checkpoints.size()];
        for (int c = 0; c < checkpoints.size(); c++) {
            long ack = checkpoints.get(c).lastAckMs;
            long first = -1;
            long last = -1;
            long previous = 0;
            for (long[] p : progress) {
                if (p[3] >= ack && p[3] <= ack + windowMs && p[1] > previous) {
                    if (first < 0) first = p[3];
                    last = p[3];
                }
                previous = p[1];
            }
            lag[0][c] = first < 0 ? Double.NaN : first - ack;
            lag[1][c] = last < 0 ? Double.NaN : last - ack;
        }
        return lag;
    }

    /** p50, p90 and max of each part over the run's checkpoints, for the report and bench.json. */
    Map<String, double[]> summary(List<long[]> progress, long windowMs) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("endToEnd", stats(checkpoints.stream().mapToDouble(Checkpoint::endToEnd).toArray()));
        m.put("barrierDelay", stats(checkpoints.stream().mapToDouble(Checkpoint::startDelay).toArray()));
        m.put("alignment", stats(checkpoints.stream().mapToDouble(Checkpoint::alignment).toArray()));
        m.put("sync", stats(checkpoints.stream().mapToDouble(Checkpoint::sync).toArray()));
        m.put("async", stats(checkpoints.stream().mapToDouble(Checkpoint::async).toArray()));
        m.put("other", stats(checkpoints.stream().mapToDouble(Checkpoint::other).toArray()));
        if (progress != null) {
            double[][] lag = readableLag(progress, windowMs);
            m.put("ackToFirstReadable", stats(lag[0]));
            m.put("ackToLastReadable", stats(lag[1]));
        }
        return m;
    }

    static String format(Map<String, double[]> summary) {
        StringBuilder b = new StringBuilder();
        summary.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format("%.0f/%.0f/%.0f", v[0], v[1], v[2])));
        return b.toString();
    }

    private static double[] stats(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        return new double[] {v[(int) Math.ceil(0.5 * v.length) - 1], v[(int) Math.ceil(0.9 * v.length) - 1], v[v.length - 1]};
    }
}
