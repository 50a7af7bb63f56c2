package io.tidecast.jobs.groupwise;

import io.tidecast.connectors.json.GroupwiseCodec;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.connectors.kafka.DecodeGroupRecords;
import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.ForecastJob;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.operators.groupwise.GroupwiseConfig;
import io.tidecast.operators.groupwise.GroupwiseFunction;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupPrediction;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.Reject;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The groupwise-regret job: records from Kafka, decoded (bad ones to rejects with the reason), keyed by data set or
 * tenant, {@link GroupwiseFunction} per key, predictions and per-group metrics back to Kafka, exactly once. Records of
 * a key are processed in arrival order (one partition per key keeps that order), so event time only serves to flush
 * the final accounts when a bounded input ends.
 */
public final class GroupwiseJob {
    /** Topic names of the groupwise contract. */
    public record Topics(String records, String predictions, String metrics, String rejects) {
        public static Topics withPrefix(String prefix) {
            return new Topics(prefix + ".records", prefix + ".predictions", prefix + ".metrics", prefix + ".rejects");
        }

        public String[] all() {
            return new String[] {records, predictions, metrics, rejects};
        }
    }

    private GroupwiseJob() {}

    /** The dataflow between any raw source and any sink (flink-training style). */
    public static DataStream<OutRecord> build(DataStream<RawRecord> raw, GroupwiseConfig config, Topics topics) {
        int p = raw.getParallelism();
        SingleOutputStreamOperator<GroupRecord> records = raw.process(new DecodeGroupRecords()).name("decode groupwise records")
                .uid("groupwise-decode").setParallelism(p);
        // no watermarks while records flow (order is arrival order); the final watermark of a bounded input flushes the accounts
        DataStream<GroupRecord> timed = records.assignTimestampsAndWatermarks(WatermarkStrategy.<GroupRecord>noWatermarks())
                .name("groupwise time").uid("groupwise-time").setParallelism(p);
        SingleOutputStreamOperator<GroupPrediction> predictions = timed.keyBy(r -> r.key)
                .process(new GroupwiseFunction(config)).name("groupwise").uid("groupwise");
        DataStream<OutRecord> out = predictions.map(new Encode<>(topics.predictions())).name("encode predictions").uid("groupwise-encode-predictions");
        DataStream<OutRecord> metrics = predictions.getSideOutput(GroupwiseFunction.METRICS).map(new Encode<>(topics.metrics()))
                .name("encode group metrics").uid("groupwise-encode-metrics");
        DataStream<OutRecord> rejects = records.getSideOutput(DecodeGroupRecords.REJECTS).union(predictions.getSideOutput(GroupwiseFunction.REJECTS))
                .map(new Encode<>(topics.rejects())).name("encode groupwise rejects").uid("groupwise-encode-rejects");
        return out.union(metrics, rejects);
    }

    /** Starts the Kafka job; {@code stopAt} null runs unbounded. {@code cfg} supplies the Kafka and job settings. */
    public static JobClient start(JobConfig cfg, Topics topics, GroupwiseConfig config, OffsetsInitializer stopAt, Configuration extra)
            throws Exception {
        StreamExecutionEnvironment env = ForecastJob.environment(cfg, extra);
        DataStream<RawRecord> raw = env.fromSource(
                KafkaEndpoints.source(cfg.kafka.bootstrap, topics.records(), cfg.job.groupId, OffsetsInitializer.earliest(), stopAt, cfg.kafka.client),
                WatermarkStrategy.noWatermarks(), "groupwise records: " + topics.records()).uid("groupwise-kafka-records");
        build(raw, config, topics).sinkTo(KafkaEndpoints.sink(cfg.kafka.bootstrap, cfg.job.exactlyOnce, cfg.job.transactionalIdPrefix, cfg.kafka.client))
                .name("groupwise kafka outputs").uid("groupwise-kafka-outputs");
        return env.executeAsync(cfg.job.name);
    }

    static final class Encode<T> extends RichMapFunction<T, OutRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient GroupwiseCodec codec;
        private transient SampleCodec samples;

        Encode(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext openContext) {
            codec = new GroupwiseCodec();
            samples = new SampleCodec();
        }

        @Override
        public OutRecord map(T v) {
            if (v instanceof GroupPrediction p) return new OutRecord(topic, p.key.getBytes(StandardCharsets.UTF_8), codec.encode(p));
            if (v instanceof GroupMetrics m) return new OutRecord(topic, m.key.getBytes(StandardCharsets.UTF_8), codec.encode(m));
            if (v instanceof Reject r) return new OutRecord(topic, null, samples.encode(r));
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }
}
