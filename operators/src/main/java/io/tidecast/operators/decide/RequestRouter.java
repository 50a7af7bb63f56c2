package io.tidecast.operators.decide;

import io.tidecast.records.DecisionEvent;
import io.tidecast.records.Reject;
import java.util.Iterator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by requestId, over requests and feedback together: gives each cost the key of its request, so that the next
 * operator (keyed by key) can update that key's policy. This is the join the feedback contract needs, since a cost
 * names only its requestId.
 *
 * <ul>
 *   <li>a request is forwarded and its key remembered until {@code timeout + retention} of event time after it;
 *       a second request with the same requestId in that time is rejected;</li>
 *   <li>a cost whose request is known is forwarded with the key; one stamped before its request is rejected;</li>
 *   <li>a cost whose request is not (yet) known waits until the watermark passes the cost's timestamp (a request
 *       stamped no later than the cost has arrived by then) and is then rejected as unmatched.</li>
 * </ul>
 * Whether a cost is on time, late or repeated is decided downstream, in event-time order, per key.
 */
public final class RequestRouter extends KeyedProcessFunction<String, DecisionEvent, DecisionEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("router-rejects", TypeInformation.of(Reject.class));

    private final long forgetAfterMs;
    private transient ValueState<RouteState> state;

    public RequestRouter(DecideConfig config) {
        this.forgetAfterMs = config.feedbackTimeoutMs + config.retentionMs;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("route", RouteState.Serializer.INSTANCE));
    }

    @Override
    public void processElement(DecisionEvent e, Context ctx, Collector<DecisionEvent> out) throws Exception {
        RouteState st = state.value();
        if (e.isRequest()) {
            if (st != null && st.key != null) {
                reject(ctx, e, "duplicate requestId: already requested by key '" + st.key + "' at ts " + st.requestTs);
                return;
            }
            if (st == null) st = new RouteState();
            st.key = e.key;
            st.requestTs = e.ts;
            out.collect(e);
            for (DecisionEvent f : st.waiting) forward(st, f, ctx, out);
            st.waiting.clear();
            ctx.timerService().registerEventTimeTimer(saturatedAdd(e.ts, forgetAfterMs));
            state.update(st);
        } else if (st != null && st.key != null) {
            forward(st, e, ctx, out);
        } else if (e.ts <= ctx.timerService().currentWatermark()) {
            reject(ctx, e, unmatched(e));
        } else {
            if (st == null) st = new RouteState();
            st.waiting.add(e);
            ctx.timerService().registerEventTimeTimer(e.ts);
            state.update(st);
        }
    }

    private void forward(RouteState st, DecisionEvent f, Context ctx, Collector<DecisionEvent> out) {
        if (f.ts < st.requestTs) {
            reject(ctx, f, "feedback at ts " + f.ts + " is stamped before its request (ts " + st.requestTs + ")");
            return;
        }
        f.key = st.key;
        out.collect(f);
    }

    private String unmatched(DecisionEvent f) {
        return "unmatched feedback: no request with requestId '" + f.requestId + "' (never requested, or forgotten "
                + forgetAfterMs + " ms after its request)";
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DecisionEvent> out) throws Exception {
        RouteState st = state.value();
        if (st == null) return;
        if (st.key == null) {
            for (Iterator<DecisionEvent> it = st.waiting.iterator(); it.hasNext(); ) {
                DecisionEvent f = it.next();
                if (f.ts <= timestamp) {
                    reject(ctx, f, unmatched(f));
                    it.remove();
                }
            }
            if (st.waiting.isEmpty()) state.clear();
            else state.update(st);
        } else if (timestamp >= saturatedAdd(st.requestTs, forgetAfterMs)) {
            state.clear();
        }
    }

    private static void reject(Context ctx, DecisionEvent e, String reason) {
        ctx.output(REJECTS, Reject.of(reason, e.origin, e.toJson()));
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
