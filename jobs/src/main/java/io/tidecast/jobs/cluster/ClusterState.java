package io.tidecast.jobs.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code tidecast cluster start} launched, in {@code DIR/cluster.json}: enough for status, submit and stop. */
public final class ClusterState {
    public static final String FILE = "cluster.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String host = "127.0.0.1";
    public int restPort;
    public int rpcPort;
    public long jobManagerPid;
    public List<Long> taskManagerPids = new ArrayList<>();
    /** Prometheus port of the JobManager, then of each TaskManager, in launch order; empty when disabled. */
    public List<Integer> prometheusPorts = new ArrayList<>();
    public int slotsPerTaskManager;
    public String checkpoints;
    public String logs;
    public String started;

    public String restUrl() {
        return "http://" + host + ":" + restPort;
    }

    public List<Long> allPids() {
        List<Long> all = new ArrayList<>(taskManagerPids);
        all.add(0, jobManagerPid);
        return all;
    }

    public static Optional<ClusterState> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(f.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void remove(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
