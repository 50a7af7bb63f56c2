package io.tidecast.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidecast.jobs.cluster.ClusterState;
import io.tidecast.jobs.cluster.FlinkRest;
import io.tidecast.jobs.cluster.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A standalone Flink session cluster on 127.0.0.1: one JobManager and N TaskManagers, each its own JVM, "
                + "from the Flink runtime this project builds with (no Flink download, no Docker).",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class},
        footer = {"", "Examples:",
                "  tidecast cluster start --taskmanagers 2",
                "  tidecast submit --bootstrap 127.0.0.1:9092 --parallelism 2",
                "  tidecast cluster status",
                "  tidecast cluster stop"})
public final class ClusterCommand implements Runnable {
    static final String DEFAULT_DIR = "tidecast-cluster";

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the cluster and wait until every TaskManager has registered; prints the REST/web UI address.",
            footer = {"", "Examples:", "  tidecast cluster start --taskmanagers 2",
                    "  tidecast cluster start --taskmanagers 3 --slots 1 --taskmanager-memory 1536m --dir /tmp/flink"})
    public static final class Start implements Callable<Integer> {
        @Option(names = "--taskmanagers", defaultValue = "2", paramLabel = "N", description = "TaskManager JVMs (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "2", paramLabel = "N", description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--jobmanager-memory", defaultValue = "512m", paramLabel = "SIZE",
                description = "JobManager process memory (default: ${DEFAULT-VALUE}).")
        String jobManagerMemory;

        @Option(names = "--taskmanager-memory", defaultValue = "1g", paramLabel = "SIZE",
                description = "Process memory per TaskManager (default: ${DEFAULT-VALUE}).")
        String taskManagerMemory;

        @Option(names = "--prometheus-ports", defaultValue = "9250-9299", paramLabel = "FROM-TO|off",
                description = "Ports for the processes' Prometheus endpoints on 127.0.0.1, the first free ones of the range, or off "
                        + "(default: ${DEFAULT-VALUE}).")
        String prometheusPorts;

        @Option(names = "--dir", defaultValue = DEFAULT_DIR, paramLabel = "DIR",
                description = "Configuration, logs, checkpoints and state of this cluster (default: ./${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            StandaloneCluster.Spec spec = new StandaloneCluster.Spec();
            spec.taskManagers = taskManagers;
            spec.slotsPerTaskManager = slots;
            spec.jobManagerMemory = jobManagerMemory;
            spec.taskManagerMemory = taskManagerMemory;
            spec.prometheusPorts = prometheusPorts.equalsIgnoreCase("off") ? null : prometheusPorts;
            StandaloneCluster cluster = new StandaloneCluster(dir);
            System.out.println("starting 1 JobManager + " + taskManagers + " TaskManagers in " + cluster.dir() + " ...");
            ClusterState st;
            try {
                st = cluster.start(spec, System.out);
            } catch (org.apache.flink.configuration.IllegalConfigurationException e) {
                throw new UserError("the memory settings do not fit: " + e.getMessage()
                        + "; raise --jobmanager-memory or --taskmanager-memory");
            }
            describe(st);
            boolean custom = !dir.equals(Path.of(DEFAULT_DIR));
            System.out.println("submit a job:  tidecast submit --bootstrap HOST:PORT" + (custom ? " --cluster " + dir : ""));
            System.out.println("stop it:       tidecast cluster stop" + (custom ? " --dir " + dir : ""));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the cluster's processes (running jobs end with them).",
            footer = {"", "Example:", "  tidecast cluster stop"})
    public static final class Stop implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = DEFAULT_DIR, paramLabel = "DIR", description = "The cluster's directory (default: ./${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            StandaloneCluster cluster = new StandaloneCluster(dir);
            if (cluster.state().isEmpty()) {
                System.out.println("no cluster running from " + cluster.dir());
                return 0;
            }
            List<Long> stopped = cluster.stop();
            System.out.println("stopped " + stopped.size() + " cluster process(es) " + stopped + "; logs and checkpoints stay in " + cluster.dir());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Processes, TaskManagers, slots and jobs of the cluster.",
            footer = {"", "Example:", "  tidecast cluster status"})
    public static final class Status implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = DEFAULT_DIR, paramLabel = "DIR", description = "The cluster's directory (default: ./${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            StandaloneCluster cluster = new StandaloneCluster(dir);
            ClusterState st = cluster.state().orElse(null);
            if (st == null) {
                System.out.println("no cluster running from " + cluster.dir() + " (start one with 'tidecast cluster start')");
                return 3;
            }
            describe(st);
            try {
                FlinkRest rest = new FlinkRest(st.restUrl());
                JsonNode o = rest.overview();
                System.out.printf("registered: %d TaskManagers, %d of %d slots free, %d job(s) running%n", o.path("taskmanagers").asInt(),
                        o.path("slots-available").asInt(), o.path("slots-total").asInt(), o.path("jobs-running").asInt());
                for (FlinkRest.Job j : rest.jobs()) System.out.printf("  job %s %-10s %s%n", j.id(), j.state(), j.name());
                return 0;
            } catch (IOException e) {
                System.out.println("the JobManager does not answer at " + st.restUrl() + " (" + e.getMessage() + ")");
                return 3;
            }
        }
    }

    static void describe(ClusterState st) {
        System.out.println("REST API and web UI: " + st.restUrl());
        System.out.println("JobManager pid " + st.jobManagerPid + (StandaloneCluster.alive(st.jobManagerPid) ? "" : " (not running)"));
        for (int i = 0; i < st.taskManagerPids.size(); i++) {
            long pid = st.taskManagerPids.get(i);
            System.out.println("TaskManager " + (i + 1) + " pid " + pid + (StandaloneCluster.alive(pid) ? "" : " (not running)"));
        }
        if (!st.prometheusPorts.isEmpty()) {
            System.out.println("Prometheus: " + st.prometheusPorts.stream().map(p -> "http://" + st.host + ":" + p + "/metrics").toList());
        }
        System.out.println("checkpoints: " + st.checkpoints + "   logs: " + st.logs);
    }
}
