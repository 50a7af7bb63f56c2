package io.tidecast.jobs.cli;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.dashboard.Dashboard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the live dashboard for a running Tidecast job: the actual signal and every model's forecast for a "
                + "chosen key and horizon, rolling nRMSE, ensemble weights and regret, reject counts, updated live from "
                + "the Kafka topics (read_committed).",
        footer = {"", "Examples:",
                "  tidecast dashboard --bootstrap 127.0.0.1:9092            # then open http://127.0.0.1:8088/",
                "  tidecast dashboard --bootstrap kafka:9092 --port 9000 --from latest",
                "  tidecast dashboard --bootstrap 127.0.0.1:9092 --config tidecast.yaml   # its topic names and Kafka client settings",
                "  tidecast demo --dashboard --keep-running                 # the demo with its dashboard, serving after the replay",
                "Memory is bounded: the newest " + Dashboard.POINTS_PER_SERIES + " points per series and at most "
                        + Dashboard.MAX_KEYS + " keys."})
public final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (or kafka.bootstrap in the config).")
    String bootstrap;

    @Option(names = "--port", defaultValue = "" + Dashboard.DEFAULT_PORT, paramLabel = "PORT",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 exposes it).")
    String host;

    @Option(names = "--from", defaultValue = "earliest", paramLabel = "earliest|latest",
            description = "Read the topics from their beginning or only what arrives from now on (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings: topic names and kafka.client settings (see tidecast config --print-defaults).")
    Path config;

    @Override
    public Integer call() {
        JobConfig cfg = JobConfig.load(config);
        if (bootstrap != null) cfg.kafka.bootstrap = bootstrap;
        if (cfg.kafka.bootstrap == null || cfg.kafka.bootstrap.isBlank()) {
            throw new UserError("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set kafka.bootstrap in the config file");
        }
        boolean earliest = switch (from) {
            case "earliest" -> true;
            case "latest" -> false;
            default -> throw new UserError("--from must be earliest or latest, not '" + from + "'");
        };
        try (Dashboard d = Dashboard.start(cfg.kafka.bootstrap, cfg.kafka.client, cfg.topics, host, port, earliest)) {
            System.out.println("dashboard: " + d.url() + " (topics " + cfg.topics.all() + " on " + cfg.kafka.bootstrap + ")");
            System.out.println("Press Ctrl-C to stop.");
            System.out.flush();
            UntilStopped.await();
        }
        return 0;
    }
}
