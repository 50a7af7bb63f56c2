package io.tidecast.jobs.cli;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.dashboard.Dashboard;
import picocli.CommandLine.Option;

/** {@code --dashboard [PORT]} for the commands that run the job: serve the live dashboard beside it. */
public final class DashboardOptions {
    @Option(names = "--dashboard", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + Dashboard.DEFAULT_PORT,
            description = "Serve the live dashboard on PORT (default " + Dashboard.DEFAULT_PORT + "; 0: any free port) while the job runs.")
    Integer port;

    @Option(names = "--dashboard-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the dashboard binds to (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 exposes it).")
    String host;

    public boolean requested() {
        return port != null;
    }

    /** Starts the dashboard on the job's topics if asked for (or if {@code force}); null otherwise. */
    public Dashboard startIfRequested(JobConfig cfg, boolean force) {
        if (!requested() && !force) return null;
        Dashboard d = Dashboard.start(cfg.kafka.bootstrap, cfg.kafka.client, cfg.topics, host, port == null ? Dashboard.DEFAULT_PORT : port, true);
        System.out.println("dashboard: " + d.url());
        return d;
    }
}
