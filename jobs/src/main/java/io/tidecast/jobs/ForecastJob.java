package io.tidecast.jobs;

import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.LocalFlink;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import io.tidecast.jobs.metrics.PrometheusSettings;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka forecasting job. {@link #main} is the entry point of the job jar on a Flink cluster
 * ({@code flink run tidecast-jobs-*-job.jar --bootstrap HOST:PORT [--config FILE]}); run locally it starts an
 * embedded MiniCluster. {@code tidecast run} and {@code tidecast demo} call {@link #start} directly.
 */
public final class ForecastJob {
    private ForecastJob() {}

    public static void main(String[] args) {
        int rc = Cli.commandLine().execute(prepend("run", args));
        if (rc != 0) throw new IllegalStateException("tidecast run exited with code " + rc);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /**
     * True when this JVM runs the job's main method for a Flink client ({@code flink run}, {@code tidecast submit},
     * the REST API): the job then goes to that cluster, whose configuration decides ports, memory and checkpoint
     * storage. False for a plain JVM, where the job runs on an embedded MiniCluster.
     */
    public static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    /** The execution environment: the cluster's when submitted to one, else a loopback-only MiniCluster. */
    public static StreamExecutionEnvironment environment(JobConfig cfg, Configuration extra) {
        Configuration conf = new Configuration();
        if (!onCluster()) {
            conf = LocalFlink.configuration(cfg.job.parallelism);
            // learner state (covariance matrices) outgrows the JobManager's 5 MB in-memory checkpoint limit quickly
            conf.setString("execution.checkpointing.storage", "filesystem");
            conf.setString("execution.checkpointing.dir", LocalFlink.temporaryCheckpointDir().toUri().toString());
            PrometheusSettings.of(cfg).configure(conf);
        }
        if (!onCluster() || !"heap".equals(cfg.job.stateBackend)) {
            conf.setString("state.backend.type", cfg.stateBackend()); // on a cluster, only an explicit choice overrides its own
        }
        conf.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(cfg.job.parallelism);
        // fixed, so that key groups (and the state in them) stay the same whatever the parallelism of a restore
        env.setMaxParallelism(cfg.job.maxParallelism);
        // outputs are small and frequent: Flink's 100 ms flush interval would dominate the at-least-once latency
        env.setBufferTimeout(cfg.job.bufferTimeout());
        // chained operators hand records on without a serializer copy: every function here emits new objects and
        // keeps no reference to its input (checked by the unchanged pipeline, demo and determinism tests)
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(cfg.job.checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Adds the Kafka → forecast → Kafka graph to {@code env}; {@code stopAt} null runs unbounded. */
    public static void define(StreamExecutionEnvironment env, JobConfig cfg, OffsetsInitializer stopAt) {
        if (cfg.kafka.bootstrap == null || cfg.kafka.bootstrap.isBlank()) {
            throw new JobConfig.ConfigException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set kafka.bootstrap in the config file");
        }
        DataStream<RawRecord> raw = env.fromSource(
                KafkaEndpoints.source(cfg.kafka.bootstrap, cfg.topics.samples, cfg.job.groupId, startAt(cfg.job.startFrom), stopAt,
                        cfg.kafka.client),
                ForecastPipeline.eventTime(Duration.ofMillis(cfg.job.maxOutOfOrdernessMs), cfg.inputLimits()),
                "samples: " + cfg.topics.samples).uid("kafka-samples");
        ForecastPipeline.Outputs out = ForecastPipeline.build(raw, cfg.forecastConfig(), cfg.topics, cfg.inputLimits());
        // the main sink keeps the uid of the former single sink, so savepoints taken before the split restore into it
        out.forecastOutputs().sinkTo(KafkaEndpoints.sink(cfg.kafka.bootstrap, cfg.job.exactlyOnce, cfg.job.transactionalIdPrefix, cfg.job.sinkLinger(), cfg.kafka.client))
                .name("kafka outputs").uid("kafka-outputs");
        out.decodeRejects().sinkTo(KafkaEndpoints.sink(cfg.kafka.bootstrap, cfg.job.exactlyOnce, decodeRejectsPrefix(cfg.job.transactionalIdPrefix),
                        cfg.job.sinkLinger(), cfg.kafka.client))
                .name("kafka decode rejects").uid("kafka-decode-rejects").setParallelism(out.decodeRejects().getParallelism());
    }

    /** Transactional ids of the decode-rejects sink: its own, so that its transactions never fence the main sink's. */
    static String decodeRejectsPrefix(String transactionalIdPrefix) {
        return transactionalIdPrefix + "-decode-rejects";
    }

    public static JobClient start(JobConfig cfg, OffsetsInitializer stopAt, Configuration extra) throws Exception {
        cfg.forecastConfig(); // fail on a bad setting before anything starts
        cfg.inputLimits();
        StreamExecutionEnvironment env = environment(cfg, extra);
        define(env, cfg, stopAt);
        return env.executeAsync(cfg.job.name);
    }

    static OffsetsInitializer startAt(String from) {
        return switch (from) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> throw new JobConfig.ConfigException("job.startFrom must be earliest, latest or committed, not '" + from + "'");
        };
    }
}
