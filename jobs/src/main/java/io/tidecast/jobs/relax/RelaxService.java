package io.tidecast.jobs.relax;

import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.runtime.LocalFlink;
import io.tidecast.operators.RelaxFunction;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The relaxation tuner as a Kafka service: systems topic in, results and rejects topics out, exactly once. */
public final class RelaxService {
    private RelaxService() {}

    /** Where to read and write, and how. */
    public record Settings(String bootstrap, String systemsTopic, String resultsTopic, String rejectsTopic, String groupId,
                           String transactionalIdPrefix, int parallelism, long checkpointIntervalMs, boolean exactlyOnce) {}

    /** Starts the job on a loopback MiniCluster (or the cluster it was submitted to); {@code stopAt} null = unbounded. */
    public static JobClient start(Settings s, RelaxFunction.Config cfg, OffsetsInitializer stopAt) throws Exception {
        Configuration conf = LocalFlink.configuration(s.parallelism());
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", LocalFlink.temporaryCheckpointDir().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(s.parallelism());
        env.enableCheckpointing(s.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        DataStream<RawRecord> raw = env.fromSource(
                KafkaEndpoints.source(s.bootstrap(), s.systemsTopic(), s.groupId(), OffsetsInitializer.earliest(), stopAt, Map.of()),
                WatermarkStrategy.noWatermarks(), "systems: " + s.systemsTopic()).uid("kafka-relax-systems");
        DataStream<OutRecord> out = RelaxPipeline.service(raw, cfg, s.resultsTopic(), s.rejectsTopic());
        out.sinkTo(KafkaEndpoints.sink(s.bootstrap(), s.exactlyOnce(), s.transactionalIdPrefix(), Map.of()))
                .name("kafka relax outputs").uid("kafka-relax-outputs");
        return env.executeAsync("tidecast relax service");
    }
}
