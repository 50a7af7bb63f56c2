package io.tidecast.jobs.runtime;

import org.apache.flink.configuration.Configuration;

/** Settings for Flink's embedded MiniCluster: every socket on 127.0.0.1, one slot per parallel task. */
public final class LocalFlink {
    private LocalFlink() {}

    /** A checkpoint directory for runs that need not survive the process; removed when the JVM exits. */
    public static synchronized java.nio.file.Path temporaryCheckpointDir() {
        if (tempCheckpoints == null) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tidecast-checkpoints-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
                    } catch (java.io.IOException e) {
                        // a temporary directory left behind is not worth failing the exit for
                    }
                }, "remove-temporary-checkpoints"));
                tempCheckpoints = dir;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create a temporary checkpoint directory: " + e.getMessage(), e);
            }
        }
        return tempCheckpoints;
    }

    private static java.nio.file.Path tempCheckpoints;

    public static Configuration configuration(int parallelism) {
        Configuration c = new Configuration();
        // without these the MiniCluster's BlobServer and RPC listen on all interfaces
        c.setString("jobmanager.bind-host", "127.0.0.1");
        c.setString("jobmanager.rpc.address", "127.0.0.1");
        c.setString("taskmanager.bind-host", "127.0.0.1");
        c.setString("taskmanager.host", "127.0.0.1");
        c.setString("rest.bind-address", "127.0.0.1");
        c.setString("rest.address", "127.0.0.1");
        c.setString("taskmanager.numberOfTaskSlots", Integer.toString(Math.max(1, parallelism)));
        c.setString("parallelism.default", Integer.toString(Math.max(1, parallelism)));
        return c;
    }
}
