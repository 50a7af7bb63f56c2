package io.tidecast.bench.pipeline;

import io.tidecast.connectors.kafka.DecodeSamples;
import io.tidecast.connectors.kafka.EncodeOutputs;
import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The practical limit of the forecasting job: the same Kafka source, decoding, event time, keyBy, encoding and
 * transactional sink as {@link io.tidecast.jobs.ForecastPipeline}, with a keyed function that forecasts nothing
 * but the sample itself, as many times per sample as the learner set forecasts (models x horizons), so that both
 * pipelines write the same records; no state, no learning.
 */
final class IdentityPipeline {
    static final String MODEL = "identity";

    private IdentityPipeline() {}

    static void define(StreamExecutionEnvironment env, JobConfig cfg, OffsetsInitializer stopAt, int outputsPerSample) {
        DataStream<RawRecord> raw = env.fromSource(
                KafkaEndpoints.source(cfg.kafka.bootstrap, cfg.topics.samples, cfg.job.groupId, OffsetsInitializer.earliest(), stopAt,
                        cfg.kafka.client),
                WatermarkStrategy.noWatermarks(), "samples: " + cfg.topics.samples);
        int sourceParallelism = raw.getParallelism();
        DataStream<Sample> samples = raw.process(new DecodeSamples()).setParallelism(sourceParallelism)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Sample>forBoundedOutOfOrderness(Duration.ofMillis(cfg.job.maxOutOfOrdernessMs))
                        .withTimestampAssigner((s, t) -> s.ts).withIdleness(Duration.ofSeconds(30)))
                .setParallelism(sourceParallelism);
        samples.keyBy(s -> s.key).process(new Echo(outputsPerSample)).name("identity")
                .map(EncodeOutputs.forecasts(cfg.topics.forecasts)).name("encode forecasts")
                .sinkTo(KafkaEndpoints.sink(cfg.kafka.bootstrap, cfg.job.exactlyOnce, cfg.job.transactionalIdPrefix, cfg.job.sinkLinger(), cfg.kafka.client))
                .name("kafka outputs");
    }

    static final class Echo extends KeyedProcessFunction<String, Sample, Forecast> {
        private static final long serialVersionUID = 1L;
        private final int copies;

        Echo(int copies) {
            this.copies = copies;
        }

        @Override
        public void processElement(Sample s, Context ctx, Collector<Forecast> out) {
            for (int i = 0; i < copies; i++) out.collect(new Forecast(s.key, MODEL, s.ts, i, s.ts, s.values.clone()));
        }
    }
}
