package io.tidecast.jobs;

import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.config.DecideSettings;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.LocalFlink;
import io.tidecast.operators.decide.DecideConfig;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Kafka bandit decision service: requests and feedback in, decisions, metrics and rejects out, in Kafka
 * transactions committed at each checkpoint. {@code tidecast decide} calls {@link #start}.
 */
public final class DecideJob {
    private DecideJob() {}

    public static StreamExecutionEnvironment environment(DecideSettings s, Configuration extra) {
        Configuration conf = LocalFlink.configuration(s.job.parallelism);
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", LocalFlink.temporaryCheckpointDir().toUri().toString());
        conf.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(s.job.parallelism);
        env.enableCheckpointing(s.job.checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Adds the Kafka → decide → Kafka graph; {@code stopAt} null runs unbounded. */
    public static void define(StreamExecutionEnvironment env, DecideSettings s, DecideConfig config, OffsetsInitializer stopAt) {
        if (s.kafka.bootstrap == null || s.kafka.bootstrap.isBlank()) {
            throw new JobConfig.ConfigException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set kafka.bootstrap in the config file");
        }
        OffsetsInitializer startAt = ForecastJob.startAt(s.job.startFrom);
        // per partition: event time is the record timestamp; a quiet partition stops holding the others back
        WatermarkStrategy<RawRecord> wm = WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(Duration.ofMillis(s.job.maxOutOfOrdernessMs));
        if (s.job.idleMs > 0) wm = wm.withIdleness(Duration.ofMillis(s.job.idleMs));
        DataStream<RawRecord> requests = env.fromSource(
                KafkaEndpoints.source(s.kafka.bootstrap, s.topics.requests, s.job.groupId, startAt, stopAt, s.kafka.client),
                wm, "requests: " + s.topics.requests).uid("kafka-requests");
        DataStream<RawRecord> feedback = env.fromSource(
                KafkaEndpoints.source(s.kafka.bootstrap, s.topics.feedback, s.job.groupId, startAt, stopAt, s.kafka.client),
                wm, "feedback: " + s.topics.feedback).uid("kafka-feedback");
        DataStream<OutRecord> out = DecidePipeline.build(requests, feedback, config, s.topics);
        out.sinkTo(KafkaEndpoints.sink(s.kafka.bootstrap, s.job.exactlyOnce, s.job.transactionalIdPrefix, s.kafka.client))
                .name("kafka outputs").uid("kafka-outputs");
    }

    /**
     * Starts the job. A bounded run ({@code stopAt} set: a replay of what is on the topics) is strictly event-time
     * ordered, without the idle-partition and latency caps, which depend on processing time: its decisions are the
     * same at any parallelism and on every rerun.
     */
    public static JobClient start(DecideSettings s, OffsetsInitializer stopAt, Configuration extra) throws Exception {
        if (stopAt != null) {
            s.job.idleMs = 0;
            s.decide.releaseAfterMs = 0;
        }
        DecideConfig config = s.decideConfig(); // fail on a bad setting before anything starts
        StreamExecutionEnvironment env = environment(s, extra);
        define(env, s, config, stopAt);
        return env.executeAsync(s.job.name);
    }
}
