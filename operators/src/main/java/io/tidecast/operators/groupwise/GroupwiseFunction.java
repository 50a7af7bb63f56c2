package io.tidecast.operators.groupwise;

import io.tidecast.learners.groupwise.GroupwiseStream;
import io.tidecast.learners.groupwise.MinMaxScaler;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupPrediction;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Groupwise-regret regression per key (data set or tenant), in arrival order: for each record the key's
 * {@link GroupwiseStream} predicts from the features with the state before the target, emits the prediction, then
 * learns from the target and books the losses per group. Every {@code metricsEvery} records, and once more when the
 * input ends (the final watermark), it emits every group's account; after the final account the key's state is
 * cleared. A record that does not fit its key (another feature count, a non-finite value) is rejected with the reason.
 */
public final class GroupwiseFunction extends KeyedProcessFunction<String, GroupRecord, GroupPrediction> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<GroupMetrics> METRICS = new OutputTag<>("groupwise-metrics", TypeInformation.of(GroupMetrics.class));
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("groupwise-rejects", TypeInformation.of(Reject.class));

    private final GroupwiseConfig config;
    private transient ValueState<GroupwiseStream> state;

    public GroupwiseFunction(GroupwiseConfig config) {
        if (config.metricsEvery < 1) throw new IllegalArgumentException("metricsEvery must be >= 1, got " + config.metricsEvery);
        if (config.declaredBounds()) {
            if (config.featureHi == null) throw new IllegalArgumentException("featureLo is set but featureHi is not");
            MinMaxScaler.declared(config.featureLo, config.featureHi, config.targetLo, config.targetHi); // refuses bad bounds up front
        }
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("tidecast-groupwise", GroupwiseStreamSerializer.INSTANCE));
    }

    @Override
    public void processElement(GroupRecord r, Context ctx, Collector<GroupPrediction> out) throws Exception {
        GroupwiseStream s = state.value();
        if (s == null) {
            String p = layoutProblem(r);
            if (p != null) {
                ctx.output(REJECTS, Reject.of(codeOf(p), p, r.origin, r.toString()));
                return;
            }
            s = new GroupwiseStream(scaler(r.features.length), r.indicators.length, config.lambda);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        String problem = s.problem(r.features, r.indicators, r.target, r.groups);
        if (problem != null) {
            ctx.output(REJECTS, Reject.of(codeOf(problem), problem, r.origin, r.toString()));
            return;
        }
        GroupwiseStream.Outcome o = s.process(r.features, r.indicators, r.target, r.groups);
        out.collect(new GroupPrediction(r.key, r.ts, o.prediction(), o.baseline(), r.target, r.groups));
        if (s.records() % config.metricsEvery == 0) {
            for (GroupMetrics m : s.metrics(r.key, config.paperHindsight, false)) ctx.output(METRICS, m);
        }
        state.update(s);
    }

    private String layoutProblem(GroupRecord r) {
        if (config.declaredBounds() && r.features.length != config.featureLo.length) {
            return "expected " + config.featureLo.length + " features (declared bounds), got " + r.features.length;
        }
        if (r.features.length + r.indicators.length < 2) return "needs at least 2 features and indicators in all, got " + (r.features.length + r.indicators.length);
        return null;
    }

    private MinMaxScaler scaler(int features) {
        return config.declaredBounds()
                ? MinMaxScaler.declared(config.featureLo, config.featureHi, config.targetLo, config.targetHi)
                : MinMaxScaler.running(features);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GroupPrediction> out) throws Exception {
        GroupwiseStream s = state.value();
        if (s != null) {
            for (GroupMetrics m : s.metrics(ctx.getCurrentKey(), config.paperHindsight, true)) ctx.output(METRICS, m);
            state.clear();
        }
    }

    /** The reject code of a record that does not fit its key's stream (see GroupwiseStream#problem). */
    static RejectCode codeOf(String problem) {
        if (problem.startsWith("expected ")) return RejectCode.VECTOR_LENGTH_CHANGED;
        if (problem.contains("finite")) return RejectCode.NON_FINITE;
        if (problem.startsWith("more than ")) return RejectCode.OUT_OF_RANGE;
        return RejectCode.WRONG_TYPE;
    }
}
