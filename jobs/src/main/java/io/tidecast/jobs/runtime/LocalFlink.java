package io.tidecast.jobs.runtime;

import org.apache.flink.configuration.Configuration;

/** Settings for Flink's embedded MiniCluster: every socket on 127.0.0.1, one slot per parallel task. */
public final class LocalFlink {
    private LocalFlink() {}

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
