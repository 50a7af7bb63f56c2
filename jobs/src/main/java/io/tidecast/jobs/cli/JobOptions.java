package io.tidecast.jobs.cli;

import io.tidecast.jobs.config.JobConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the forecasting job; each overrides the config file's setting. */
public final class JobOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings (all settings and their defaults: tidecast-defaults.yaml).")
    Path config;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default from config: 2).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", description = "Checkpoint interval in ms; outputs are committed at each checkpoint.")
    Long checkpointInterval;

    @Option(names = "--at-least-once", description = "At-least-once Kafka sink instead of exactly-once transactions (lower latency; "
            + "the network buffer timeout 1 ms and the sink's linger.ms 1 unless the config sets job.bufferTimeoutMs or job.sinkLingerMs).")
    boolean atLeastOnce;

    @Option(names = "--samples-topic", paramLabel = "TOPIC", description = "Input topic (default from config: tidecast.samples).")
    String samplesTopic;

    @Option(names = "--forecasts-topic", paramLabel = "TOPIC", description = "Forecasts output topic (default from config: tidecast.forecasts).")
    String forecastsTopic;

    @Option(names = "--metrics-topic", paramLabel = "TOPIC", description = "Metrics output topic (default from config: tidecast.metrics).")
    String metricsTopic;

    @Option(names = "--rejects-topic", paramLabel = "TOPIC", description = "Rejects output topic (default from config: tidecast.rejects).")
    String rejectsTopic;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting for the source and the sink, e.g. security.protocol=SASL_SSL (repeatable; "
                    + "adds to kafka.client in the config). Secrets are never printed.")
    java.util.Map<String, String> kafkaProperties;

    @Option(names = "--state", paramLabel = "heap|rocksdb",
            description = "State backend: heap (default; fastest while the state fits in memory) or rocksdb (on local disk, "
                    + "for many keys or big learners).")
    String state;

    @Option(names = "--horizons", paramLabel = "MS[,MS...]", split = ",", description = "Forecast horizons in ms.")
    java.util.List<Long> horizons;

    @Option(names = "--prometheus-port", paramLabel = "PORT|FROM-TO|off",
            description = "Serve Prometheus metrics on 127.0.0.1 at this port (or the first free one of a range), or off "
                    + "(default from config: 9249-9259).")
    String prometheusPort;

    public JobConfig resolve() {
        JobConfig c = JobConfig.load(config);
        if (parallelism != null) {
            if (parallelism < 1) throw new UserError("--parallelism must be at least 1");
            c.job.parallelism = parallelism;
        }
        if (checkpointInterval != null) {
            if (checkpointInterval < 10) throw new UserError("--checkpoint-interval must be at least 10 ms");
            c.job.checkpointIntervalMs = checkpointInterval;
        }
        if (atLeastOnce) c.job.exactlyOnce = false;
        if (samplesTopic != null) c.topics.samples = samplesTopic;
        if (forecastsTopic != null) c.topics.forecasts = forecastsTopic;
        if (metricsTopic != null) c.topics.metrics = metricsTopic;
        if (rejectsTopic != null) c.topics.rejects = rejectsTopic;
        if (horizons != null) c.forecast.horizonsMs = horizons;
        if (kafkaProperties != null) c.kafka.client.putAll(kafkaProperties);
        if (state != null) c.job.stateBackend = state;
        c.stateBackend(); // a bad name fails here, with the choices
        if (prometheusPort != null) {
            if (prometheusPort.equalsIgnoreCase("off")) {
                c.prometheus.enabled = false;
            } else {
                c.prometheus.enabled = true;
                c.prometheus.port = prometheusPort;
            }
        }
        return c;
    }
}
