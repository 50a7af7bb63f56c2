package io.tidecast.jobs.cli;

import io.tidecast.jobs.ForecastJob;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.dashboard.Dashboard;
import io.tidecast.jobs.metrics.PrometheusSettings;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the forecasting job against a Kafka cluster (on an embedded Flink MiniCluster, or on the Flink "
                + "cluster the job jar was submitted to).",
        footer = {"", "Examples:",
                "  tidecast run --bootstrap 127.0.0.1:9092",
                "  tidecast run --bootstrap kafka:9092 --config tidecast.yaml --parallelism 4",
                "  tidecast run --bootstrap 127.0.0.1:9092 --bounded     # process what is on the topic now, then stop",
                "  tidecast run --bootstrap 127.0.0.1:9092 --checkpoints ./ckpt   # durable: rerun after any stop to resume",
                "  tidecast run --bootstrap 127.0.0.1:9092 --savepoint ./sp       # Ctrl-C: stop with a savepoint",
                "  tidecast run --bootstrap 127.0.0.1:9092 --from-savepoint ./sp/savepoint-xxxx --parallelism 4   # rescale",
                "  tidecast run --bootstrap 127.0.0.1:9092 --dashboard 9000      # live charts at http://127.0.0.1:9000/",
                "  flink run jobs/target/tidecast-jobs-*-job.jar --bootstrap kafka:9092   # on a Flink cluster"})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (or kafka.bootstrap in the config).")
    String bootstrap;

    @Option(names = "--bounded", description = "Stop at the samples topic's latest offsets as of the start (a batch run over a topic).")
    boolean bounded;

    @Option(names = "--start-from", paramLabel = "WHERE", description = "earliest, latest or committed (default from config: earliest).")
    String startFrom;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Keep checkpoints in DIR and resume from the newest one on start: a run stopped in any way "
                    + "(even kill -9) continues where it left off, exactly once.")
    java.nio.file.Path checkpoints;

    @Option(names = "--savepoint", paramLabel = "DIR",
            description = "On Ctrl-C or SIGTERM, stop with a savepoint in DIR (the last outputs commit, then the state is written) "
                    + "and print its path for --from-savepoint.")
    java.nio.file.Path savepoint;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Start from this savepoint (or retained checkpoint), at any --parallelism: the job continues exactly where it stopped.")
    java.nio.file.Path fromSavepoint;

    @Mixin
    JobOptions options;

    @Mixin
    DashboardOptions dashboard;

    /** The settings this command line gives: the config file, then the options. */
    JobConfig resolvedConfig() {
        JobConfig cfg = options.resolve();
        if (bootstrap != null) cfg.kafka.bootstrap = bootstrap;
        if (startFrom != null) cfg.job.startFrom = startFrom;
        return cfg;
    }

    @Override
    public Integer call() throws Exception {
        JobConfig cfg = resolvedConfig();
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "fixed-delay");
        extra.setString("restart-strategy.fixed-delay.attempts", "10");
        extra.setString("restart-strategy.fixed-delay.delay", "2 s");
        if (checkpoints != null) {
            io.tidecast.jobs.runtime.CheckpointDir dir = new io.tidecast.jobs.runtime.CheckpointDir(checkpoints).ensureWritable();
            dir.configure(extra);
            System.out.println(dir.latest().map(c -> "resuming from checkpoint " + c)
                    .orElse("no checkpoint in " + checkpoints + " yet: starting from the beginning"));
        }
        java.nio.file.Path savepointDir = savepoint == null ? null
                : io.tidecast.jobs.runtime.CheckpointDir.requireWritable(savepoint, "savepoint directory", "--savepoint DIR");
        if (fromSavepoint != null) {
            io.tidecast.jobs.runtime.Savepoints.restoreFrom(fromSavepoint, extra); // an explicit savepoint wins over --checkpoints
            System.out.println("restoring from savepoint " + fromSavepoint.toAbsolutePath().normalize());
        }
        cfg.forecastConfig(); // every setting is checked before anything connects or starts
        cfg.inputLimits();
        if (cfg.kafka.bootstrap == null || cfg.kafka.bootstrap.isBlank()) {
            throw new JobConfig.ConfigException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set kafka.bootstrap in the config file");
        }
        if (!cfg.kafka.client.isEmpty()) System.out.println("kafka client settings: " + io.tidecast.jobs.runtime.KafkaPreflight.masked(cfg.kafka.client));
        io.tidecast.jobs.runtime.KafkaPreflight.check(cfg.kafka.bootstrap, cfg.kafka.client, 20_000);
        boolean onCluster = ForecastJob.onCluster();
        if (onCluster) {
            // submitted through a Flink client: the cluster runs the job; this JVM (the client) only hands it over
            JobClient job = ForecastJob.start(cfg, bounded ? OffsetsInitializer.latest() : null, extra);
            System.out.println("job " + job.getJobID() + " submitted: " + cfg.topics.samples + " -> " + cfg.topics.forecasts + ", "
                    + cfg.topics.metrics + ", " + cfg.topics.rejects + " on " + cfg.kafka.bootstrap);
            return 0;
        }
        try (Dashboard live = dashboard.startIfRequested(cfg, false)) {
            JobClient job = ForecastJob.start(cfg, bounded ? OffsetsInitializer.latest() : null, extra);
            PrometheusSettings.of(cfg).announce(System.out);
            System.out.println("job " + job.getJobID() + " running: " + cfg.topics.samples + " -> " + cfg.topics.forecasts + ", "
                    + cfg.topics.metrics + ", " + cfg.topics.rejects + " on " + cfg.kafka.bootstrap);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel(), "cancel-on-exit"));
            var stopped = savepointDir == null ? null
                    : io.tidecast.jobs.runtime.Savepoints.onStopSignal(job, savepointDir, java.time.Duration.ofMinutes(5));
            if (stopped != null) System.out.println("Ctrl-C or SIGTERM stops the job with a savepoint in " + savepointDir);
            try {
                job.getJobExecutionResult().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (stopped == null || !stopped.stoppedBySignal()) {
                    String line = io.tidecast.jobs.runtime.JobFailures.oneLine(e, checkpoints);
                    if (line == null) throw e;
                    System.err.println("tidecast run: " + line);
                    return 1;
                }
            }
            if (stopped != null && stopped.stoppedBySignal()) {
                return stopped.savepoint().isCompletedExceptionally() ? 1 : 0; // the handler has said what happened
            }
            System.out.println("job finished");
        }
        return 0;
    }
}
