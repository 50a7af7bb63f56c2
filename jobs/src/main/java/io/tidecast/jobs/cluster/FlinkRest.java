package io.tidecast.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few calls of Flink's REST API that starting, watching and stopping a cluster need. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public FlinkRest(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** {@code /overview}: taskmanagers, slots-total, slots-available, jobs-running, flink-version, ... */
    public JsonNode overview() throws IOException {
        return get("/overview");
    }

    /** Every job the cluster knows: id, name and state. */
    public List<Job> jobs() throws IOException {
        List<Job> out = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            out.add(new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText(), j.path("start-time").asLong()));
        }
        return out;
    }

    public String jobState(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The failures the job went through (and restarted from, if it still runs): its exception history. */
    public int failures(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** {@code /jobs/<id>/checkpoints}: counts, a summary of end-to-end durations and sizes, and the recent history. */
    public JsonNode checkpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code /jobs/<id>/checkpoints/details/<n>}: one checkpoint, with its tasks (by vertex id) under {@code tasks}. */
    public JsonNode checkpointDetails(String jobId, long checkpoint) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints/details/" + checkpoint);
    }

    /** One task's subtasks in one checkpoint, each with {@code checkpoint.sync} and {@code checkpoint.async} in ms. */
    public JsonNode checkpointSubtasks(String jobId, long checkpoint, String vertexId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints/details/" + checkpoint + "/subtasks/" + vertexId);
    }

    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
    }

    public record Job(String id, String name, String state, long startTime) {}

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build()));
    }

    private String send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) throw new IOException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
