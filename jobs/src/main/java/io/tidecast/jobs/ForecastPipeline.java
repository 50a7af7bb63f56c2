package io.tidecast.jobs;

import io.tidecast.connectors.kafka.DecodeSamples;
import io.tidecast.connectors.kafka.EncodeOutputs;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.connectors.kafka.RawRecordTimestamps;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.operators.CountRejects;
import io.tidecast.operators.ForecastConfig;
import io.tidecast.operators.ForecastFunction;
import io.tidecast.operators.GuardedWatermarks;
import io.tidecast.records.InputLimits;
import io.tidecast.records.Sample;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The forecasting dataflow, independent of where records come from and go to (flink-training style): the
 * Kafka job, the tests and the demo all run this same graph with their own source and sink.
 *
 * <pre>raw records ─decode─▶ samples ─keyBy(key)─▶ ForecastFunction ─▶ forecasts, metrics, rejects, encoded ─▶ out
 *                       └─▶ undecodable records ─▶ rejects</pre>
 */
public final class ForecastPipeline {
    private ForecastPipeline() {}

    /**
     * Event time and watermarks of the raw sample records, for the source ({@code env.fromSource(source, eventTime(..), ..)}):
     * the Kafka source then keeps one watermark per partition, so a record is late only if it is more than
     * {@code maxOutOfOrderness} behind its own partition, whatever the interleaving of partitions in one source
     * instance. A far-future timestamp does not move a watermark until a second record confirms it.
     */
    public static WatermarkStrategy<RawRecord> eventTime(Duration maxOutOfOrderness, InputLimits limits) {
        return WatermarkStrategy.<RawRecord>forGenerator(c -> new GuardedWatermarks<>(maxOutOfOrderness.toMillis(), limits.maxFutureMs))
                .withTimestampAssigner(c -> new RawRecordTimestamps())
                .withIdleness(Duration.ofSeconds(30));
    }

    /**
     * The pipeline's two output streams, each for a sink of its own chained to the operator that emits it.
     *
     * @param forecastOutputs the forecast operator's forecasts, metrics and rejects, encoded in that operator
     * @param decodeRejects   records that did not decode, at the source's parallelism
     */
    public record Outputs(DataStream<OutRecord> forecastOutputs, DataStream<OutRecord> decodeRejects) {
        /** Both streams as one, for a sink that need not chain (tests). */
        public DataStream<OutRecord> all() {
            return forecastOutputs.union(decodeRejects);
        }
    }

    public static Outputs build(DataStream<RawRecord> raw, ForecastConfig forecast, JobConfig.Topics topics) {
        return build(raw, forecast, topics, InputLimits.none());
    }

    /** {@code raw} carries event time from its source ({@link #eventTime}); decoded samples keep their record's timestamp. */
    public static Outputs build(DataStream<RawRecord> raw, ForecastConfig forecast, JobConfig.Topics topics, InputLimits limits) {
        // decode at the source's parallelism, chained to it: a rebalance here would reorder a key's samples
        // before keyBy, and the forecast operator rejects a sample that is not after its key's previous one
        int sourceParallelism = raw.getParallelism();
        SingleOutputStreamOperator<Sample> samples = raw.process(new DecodeSamples(limits)).name("decode samples").uid("decode")
                .setParallelism(sourceParallelism);
        // one output stream (not forecasts, metrics and rejects unioned), so that its sink chains to the operator
        DataStream<OutRecord> forecastOutputs = samples.keyBy(s -> s.key)
                .process(new ForecastToRecords(new ForecastFunction(forecast, limits), topics)).name("forecast").uid("forecast");
        DataStream<OutRecord> decodeRejects = samples.getSideOutput(DecodeSamples.REJECTS)
                .map(new CountRejects()).name("count rejects").uid("count-rejects").setParallelism(sourceParallelism)
                .map(EncodeOutputs.rejects(topics.rejects)).name("encode rejects").uid("encode-rejects").setParallelism(sourceParallelism);
        return new Outputs(forecastOutputs, decodeRejects);
    }
}
