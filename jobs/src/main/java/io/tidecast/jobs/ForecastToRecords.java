package io.tidecast.jobs;

import io.tidecast.connectors.kafka.EncodeOutputs;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.operators.CountRejects;
import io.tidecast.operators.ForecastFunction;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * {@link ForecastFunction} with its forecasts, metrics and rejects encoded into one stream of Kafka records. One
 * output stream lets the sink chain to the forecast operator: three streams unioned into one sink cannot chain, so
 * every forecast crossed a network channel (serialized, buffered up to {@code job.bufferTimeoutMs}, deserialized)
 * on its way to the sink. The state, timers and metrics are the wrapped function's own, under the same names.
 */
final class ForecastToRecords extends KeyedProcessFunction<String, Sample, OutRecord> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final ForecastFunction forecast;
    private final RichMapFunction<Forecast, OutRecord> encodeForecast;
    private final RichMapFunction<MetricsRecord, OutRecord> encodeMetrics;
    private final CountRejects countRejects = new CountRejects();
    private final RichMapFunction<Reject, OutRecord> encodeRejects;
    private transient Outputs outputs;
    private transient ForecastFunction.Context elementContext;
    private transient ForecastFunction.OnTimerContext timerContext;
    private transient Context currentElement;
    private transient OnTimerContext currentTimer;

    ForecastToRecords(ForecastFunction forecast, JobConfig.Topics topics) {
        this.forecast = forecast;
        this.encodeForecast = EncodeOutputs.forecasts(topics.forecasts);
        this.encodeMetrics = EncodeOutputs.metrics(topics.metrics);
        this.encodeRejects = EncodeOutputs.rejects(topics.rejects);
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        forecast.setRuntimeContext(context);
        encodeForecast.setRuntimeContext(context);
        encodeMetrics.setRuntimeContext(context);
        countRejects.setRuntimeContext(context);
        encodeRejects.setRuntimeContext(context);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        forecast.initializeState(ctx);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        forecast.snapshotState(ctx);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        forecast.open(openContext);
        encodeForecast.open(openContext);
        encodeMetrics.open(openContext);
        countRejects.open(openContext);
        encodeRejects.open(openContext);
        outputs = new Outputs();
        elementContext = forecast.new Context() {
            @Override
            public Long timestamp() {
                return currentElement.timestamp();
            }

            @Override
            public TimerService timerService() {
                return currentElement.timerService();
            }

            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                outputs.side(tag, value);
            }

            @Override
            public String getCurrentKey() {
                return currentElement.getCurrentKey();
            }
        };
        timerContext = forecast.new OnTimerContext() {
            @Override
            public Long timestamp() {
                return currentTimer.timestamp();
            }

            @Override
            public TimerService timerService() {
                return currentTimer.timerService();
            }

            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                outputs.side(tag, value);
            }

            @Override
            public TimeDomain timeDomain() {
                return currentTimer.timeDomain();
            }

            @Override
            public String getCurrentKey() {
                return currentTimer.getCurrentKey();
            }
        };
    }

    @Override
    public void close() throws Exception {
        forecast.close();
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<OutRecord> out) throws Exception {
        currentElement = ctx;
        outputs.out = out;
        forecast.processElement(sample, elementContext, outputs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutRecord> out) throws Exception {
        currentTimer = ctx;
        outputs.out = out;
        forecast.onTimer(timestamp, timerContext, outputs);
    }

    /** The wrapped function's collector and side outputs, encoded into the one output. */
    private final class Outputs implements Collector<Forecast> {
        Collector<OutRecord> out;

        @Override
        public void collect(Forecast f) {
            try {
                out.collect(encodeForecast.map(f));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        <X> void side(OutputTag<X> tag, X value) {
            try {
                if (ForecastFunction.METRICS.equals(tag)) {
                    out.collect(encodeMetrics.map((MetricsRecord) value));
                } else if (ForecastFunction.REJECTS.equals(tag)) {
                    out.collect(encodeRejects.map(countRejects.map((Reject) value)));
                } else {
                    throw new IllegalArgumentException("no output for side output " + tag.getId());
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {}
    }
}
