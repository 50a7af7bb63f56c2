package io.tidecast.operators.decide;

import io.tidecast.learners.policy.BanditPolicy;
import io.tidecast.learners.policy.ContextualBanditPolicy;
import io.tidecast.learners.policy.Policies;
import io.tidecast.records.Decision;
import io.tidecast.records.DecisionEvent;
import io.tidecast.records.DecisionMetrics;
import io.tidecast.records.Reject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One bandit per key (keyed by the request's key): answers requests with an arm drawn from the key's policy and
 * updates the policy with the costs that come back.
 *
 * <p><b>Order.</b> A policy's decisions depend on which costs it has seen, so the order in which a key's requests and
 * costs are handled is part of the output. They are handled in event-time order (the Kafka record timestamps):
 * each event waits until the watermark passes its timestamp, then the events of one timestamp are handled requests
 * first, then costs, each sorted by requestId. The same topics therefore give the same decisions, whatever the
 * parallelism, the interleaving of the two input topics, or a restore. Because a waiting decision is latency, no
 * event waits longer than {@code releaseAfterMs} of processing time: when the watermark stalls (quiet inputs, a
 * client that waits for each answer) the cap releases what is waiting, in event-time order, and anything that then
 * arrives stamped at or before what was released is handled on arrival. Determinism holds for inputs whose
 * timestamps reach the operator within the watermark's bound and the cap; with {@code releaseAfterMs = 0} (bounded
 * runs, replays) there is no cap and the order is strictly event time.
 *
 * <p><b>Feedback.</b> A cost is applied if it is stamped at most {@code feedbackTimeoutMs} after its request and is
 * the first for that request. Otherwise it goes to {@link #REJECTS}: late (after the timeout), duplicate (already
 * costed), or unmatched (no decision for it, e.g. its request was rejected, or it is older than timeout +
 * retention). A request whose cost does not arrive in time counts as lost. A request is remembered until
 * {@code feedbackTimeoutMs + retentionMs} after it, then forgotten, so state stays bounded.
 *
 * <p><b>Metrics</b> ({@link #METRICS}) every {@code metricsEvery} applied costs of a key and when the input ends:
 * see {@link DecisionMetrics} for the regret estimators.
 */
public final class DecideFunction extends KeyedProcessFunction<String, DecisionEvent, Decision> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DecisionMetrics> METRICS = new OutputTag<>("decision-metrics", TypeInformation.of(DecisionMetrics.class));
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decision-rejects", TypeInformation.of(Reject.class));

    /** Within one timestamp: requests before costs, then by requestId (arrival order across channels is not stable). */
    static final Comparator<DecisionEvent> ORDER = Comparator.<DecisionEvent>comparingInt(e -> e.isRequest() ? 0 : 1)
            .thenComparing(e -> e.requestId);

    private final DecideConfig config;
    private transient ValueState<BanditState> bandit;
    private transient MapState<String, Round> rounds;
    private transient MapState<Long, Agenda> agenda;
    private transient double[] probs;

    public DecideFunction(DecideConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        bandit = getRuntimeContext().getState(new ValueStateDescriptor<>("bandit", BanditState.Serializer.INSTANCE));
        rounds = getRuntimeContext().getMapState(new MapStateDescriptor<>("rounds", StringSerializer.INSTANCE, Round.Serializer.INSTANCE));
        agenda = getRuntimeContext().getMapState(new MapStateDescriptor<>("agenda", LongSerializer.INSTANCE, Agenda.Serializer.INSTANCE));
    }

    @Override
    public void processElement(DecisionEvent e, Context ctx, Collector<Decision> out) throws Exception {
        int family = config.familyOf(e.key);
        if (family < 0) {
            reject(ctx, e, "no arm set configured for key '" + e.key + "' (no decide.families prefix matches it)");
            return;
        }
        BanditState st = bandit.value();
        if (st == null) {
            st = new BanditState(Policies.create(config.families.get(family).spec(config.seedOf(e.key))));
            // the end of a bounded input (watermark at +infinity) flushes the key's last figures
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (e.ts <= Math.max(st.released, ctx.timerService().currentWatermark())) {
            handle(st, e, ctx, out);
        } else {
            Agenda a = agendaAt(e.ts, ctx);
            a.events.add(e);
            agenda.put(e.ts, a);
            if (config.releaseAfterMs > 0 && st.releaseTimer == BanditState.NONE) {
                st.releaseTimer = ctx.timerService().currentProcessingTime() + config.releaseAfterMs;
                ctx.timerService().registerProcessingTimeTimer(st.releaseTimer);
            }
        }
        bandit.update(st);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        BanditState st = bandit.value();
        if (st == null) return;
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (timestamp == st.releaseTimer) {
                st.releaseTimer = BanditState.NONE;
                releaseWaitingEvents(st, ctx, out);
            }
        } else {
            Agenda a = agenda.get(timestamp);
            if (a != null) {
                agenda.remove(timestamp);
                runEvents(st, a.events, ctx, out);
                long lostBefore = st.lost;
                for (String id : a.expiries) expire(st, id, timestamp, ctx);
                for (String id : a.forget) rounds.remove(id);
                // a request declared lost changes the figures a dashboard shows: say so now, not at the next cost
                if (st.lost != lostBefore && timestamp != Long.MAX_VALUE) emitMetrics(st, ctx.getCurrentKey(), timestamp, false, ctx);
            }
            st.released = Math.max(st.released, timestamp == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : timestamp);
            if (timestamp == Long.MAX_VALUE) emitMetrics(st, ctx.getCurrentKey(), lastTs(st), true, ctx);
        }
        bandit.update(st);
    }

    private long lastTs(BanditState st) {
        return st.released == BanditState.NONE ? 0 : st.released;
    }

    /** The latency cap: handle every waiting request and cost now, in event-time order. */
    private void releaseWaitingEvents(BanditState st, Context ctx, Collector<Decision> out) throws Exception {
        List<Long> times = new ArrayList<>();
        for (Long t : agenda.keys()) times.add(t);
        times.sort(null);
        for (long t : times) {
            Agenda a = agenda.get(t);
            if (a.events.isEmpty()) continue;
            List<DecisionEvent> events = new ArrayList<>(a.events);
            a.events.clear();
            if (a.isEmpty()) agenda.remove(t);
            else agenda.put(t, a);
            runEvents(st, events, ctx, out);
            st.released = Math.max(st.released, t);
        }
    }

    private void runEvents(BanditState st, List<DecisionEvent> events, Context ctx, Collector<Decision> out) throws Exception {
        events.sort(ORDER);
        for (DecisionEvent e : events) handle(st, e, ctx, out);
    }

    private Agenda agendaAt(long ts, Context ctx) throws Exception {
        Agenda a = agenda.get(ts);
        if (a == null) {
            a = new Agenda();
            ctx.timerService().registerEventTimeTimer(ts);
        }
        return a;
    }

    private void handle(BanditState st, DecisionEvent e, Context ctx, Collector<Decision> out) throws Exception {
        if (e.isRequest()) decide(st, e, ctx, out);
        else learn(st, e, ctx);
    }

    private void decide(BanditState st, DecisionEvent e, Context ctx, Collector<Decision> out) throws Exception {
        DecideConfig.Family fam = config.families.get(config.familyOf(e.key));
        if (rounds.contains(e.requestId)) {
            reject(ctx, e, "duplicate requestId: key '" + e.key + "' already answered it");
            return;
        }
        int n = st.policy.size();
        if (probs == null || probs.length != n) probs = new double[n];
        int arm;
        double[] context = null;
        if (fam.contextual) {
            if (e.context == null || e.context.length != fam.contextDim) {
                reject(ctx, e, "context must have " + fam.contextDim + " number(s) for policy " + fam.policy + " of family '"
                        + fam.prefix + "', got " + (e.context == null ? "none" : e.context.length));
                return;
            }
            ContextualBanditPolicy p = (ContextualBanditPolicy) st.policy;
            context = e.context;
            p.probabilities(context, probs);
            arm = p.pick(context);
            st.lastContext = context;
        } else {
            BanditPolicy p = (BanditPolicy) st.policy;
            p.probabilities(probs);
            arm = p.pick();
        }
        double probability = probs[arm];
        rounds.put(e.requestId, new Round(e.ts, arm, probability, context));
        long deadline = RequestRouter.saturatedAdd(e.ts, config.feedbackTimeoutMs);
        Agenda a = agendaAt(deadline, ctx);
        a.expiries.add(e.requestId);
        agenda.put(deadline, a);
        st.decisions++;
        out.collect(new Decision(e.key, e.requestId, fam.arms.get(arm), probability, e.ts));
    }

    private void learn(BanditState st, DecisionEvent e, Context ctx) throws Exception {
        Round r = rounds.get(e.requestId);
        if (r == null) {
            reject(ctx, e, "unmatched feedback: key '" + e.key + "' has no open decision for requestId '" + e.requestId
                    + "' (its request was rejected, or it is older than timeout + retention)");
            return;
        }
        long age = e.ts - r.ts;
        if (r.status == Round.ANSWERED) {
            st.duplicate++;
            reject(ctx, e, "duplicate feedback: requestId '" + e.requestId + "' already has a cost");
            return;
        }
        if (r.status == Round.EXPIRED || age > config.feedbackTimeoutMs) {
            st.late++;
            reject(ctx, e, "late feedback: cost stamped " + age + " ms after its request, timeout is " + config.feedbackTimeoutMs + " ms");
            return;
        }
        try {
            if (r.context != null) ((ContextualBanditPolicy) st.policy).update(r.context, r.arm, e.cost, r.probability);
            else ((BanditPolicy) st.policy).update(r.arm, e.cost, r.probability);
        } catch (IllegalArgumentException ex) {
            reject(ctx, e, "feedback not usable: " + ex.getMessage());
            return;
        }
        r.status = Round.ANSWERED;
        rounds.put(e.requestId, r);
        st.count++;
        st.cumulativeCost += e.cost;
        st.pulls[r.arm]++;
        st.sumCost[r.arm] += e.cost;
        st.iwCost[r.arm] += e.cost / r.probability;
        st.windowCount++;
        st.windowCost += e.cost;
        if (st.count % config.metricsEvery == 0) emitMetrics(st, e.key, e.ts, false, ctx);
    }

    /** The request's feedback time is over: count it as lost if no cost came, and forget it after the retention. */
    private void expire(BanditState st, String requestId, long timestamp, Context ctx) throws Exception {
        Round r = rounds.get(requestId);
        if (r == null) return;
        if (r.status == Round.OPEN) {
            r.status = Round.EXPIRED;
            rounds.put(requestId, r);
            st.lost++;
        }
        long forgetAt = RequestRouter.saturatedAdd(timestamp, config.retentionMs);
        Agenda a = agendaAt(forgetAt, ctx);
        a.forget.add(requestId);
        agenda.put(forgetAt, a);
    }

    private void emitMetrics(BanditState st, String key, long ts, boolean last, Context ctx) {
        DecideConfig.Family fam = config.families.get(config.familyOf(key));
        int n = st.policy.size();
        DecisionMetrics m = new DecisionMetrics();
        m.key = key;
        m.policy = st.policy.kind();
        m.ts = ts;
        m.last = last;
        m.decisions = st.decisions;
        m.count = st.count;
        m.lost = st.lost;
        m.late = st.late;
        m.duplicate = st.duplicate;
        m.cumulativeCost = st.cumulativeCost;
        m.costPerStep = st.count == 0 ? Double.NaN : st.cumulativeCost / st.count;
        m.windowCount = st.windowCount;
        m.windowCostPerStep = st.windowCount == 0 ? Double.NaN : st.windowCost / st.windowCount;
        m.arms = fam.arms.toArray(new String[0]);
        m.pulls = st.pulls.clone();
        m.meanCost = new double[n];
        int best = -1;
        double minIw = Double.POSITIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            m.meanCost[a] = st.pulls[a] == 0 ? Double.NaN : st.sumCost[a] / st.pulls[a];
            if (st.pulls[a] > 0 && (best < 0 || m.meanCost[a] < m.meanCost[best])) best = a;
            minIw = Math.min(minIw, st.iwCost[a]);
        }
        m.bestArm = best < 0 ? null : fam.arms.get(best);
        m.regret = best < 0 ? Double.NaN : st.cumulativeCost - st.count * m.meanCost[best];
        m.regretPerStep = st.count == 0 ? Double.NaN : m.regret / st.count;
        m.regretIw = st.count == 0 ? Double.NaN : st.cumulativeCost - minIw;
        m.probabilities = new double[n];
        if (st.policy instanceof ContextualBanditPolicy c) {
            if (st.lastContext != null) c.probabilities(st.lastContext, m.probabilities);
            else java.util.Arrays.fill(m.probabilities, Double.NaN);
        } else {
            ((BanditPolicy) st.policy).probabilities(m.probabilities);
        }
        st.windowCount = 0;
        st.windowCost = 0;
        ctx.output(METRICS, m);
    }

    private static void reject(Context ctx, DecisionEvent e, String reason) {
        ctx.output(REJECTS, Reject.of(reason, e.origin, e.toJson()));
    }
}
