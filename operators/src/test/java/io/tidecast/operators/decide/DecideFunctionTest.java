package io.tidecast.operators.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.records.Decision;
import io.tidecast.records.DecisionEvent;
import io.tidecast.records.DecisionMetrics;
import io.tidecast.records.Reject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DecideFunctionTest {
    static final List<String> ARMS = List.of("a", "b", "c");

    static DecideConfig config(String policy, Map<String, Double> params, long timeout, long retention, int metricsEvery) {
        return new DecideConfig(List.of(new DecideConfig.Family("", ARMS, policy, params),
                new DecideConfig.Family("ctx-", List.of("lo", "hi"), "squarecb", Map.of("offset", 0.0))),
                42, timeout, retention, metricsEvery, 50);
    }

    static DecideConfig tsallis() {
        return config("tsallis-inf", Map.of("offset", 0.0), 1_000, 500, 100);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, Decision> harness(DecideConfig cfg) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DecideFunction(cfg)),
                (DecisionEvent e) -> e.key, Types.STRING);
        h.open();
        return h;
    }

    static DecisionEvent request(String key, String id, long ts) {
        return DecisionEvent.request(key, id, ts, null);
    }

    static DecisionEvent cost(String key, String id, long ts, double cost) {
        DecisionEvent e = DecisionEvent.feedback(id, ts, cost);
        e.key = key;
        return e;
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, Decision> h, DecisionEvent e) throws Exception {
        h.processElement(e, e.ts);
    }

    static List<Reject> rejects(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, Decision> h) {
        var q = h.getSideOutput(DecideFunction.REJECTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    static List<DecisionMetrics> metrics(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, Decision> h) {
        var q = h.getSideOutput(DecideFunction.METRICS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    static final Map<String, Double> MEAN_COST = Map.of("a", 0.7, "b", 0.5, "c", 0.2);

    /** Plays rounds of one request and its cost (Bernoulli: a 0.7, b 0.5, c 0.2, seeded by round); returns the arms drawn. */
    static List<String> play(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, Decision> h, String key, int from, int to)
            throws Exception {
        List<String> arms = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long ts = 10_000L + 10L * i;
            send(h, request(key, "r" + i, ts));
            h.processWatermark(new Watermark(ts));
            List<Decision> out = h.extractOutputValues();
            Decision d = out.get(out.size() - 1);
            assertThat(d.requestId).isEqualTo("r" + i);
            arms.add(d.arm);
            send(h, cost(key, "r" + i, ts + 5, new SplittableRandom(7919L * i).nextDouble() < MEAN_COST.get(d.arm) ? 1 : 0));
            h.processWatermark(new Watermark(ts + 5));
        }
        return arms;
    }

    @Test
    void costsUpdateThePolicyAndLaterDecisionsFavourTheCheapArm() throws Exception {
        var h = harness(tsallis());
        List<String> arms = play(h, "k", 0, 400);
        long early = arms.subList(0, 100).stream().filter("c"::equals).count();
        long late = arms.subList(300, 400).stream().filter("c"::equals).count();
        assertThat(late).isGreaterThan(early).isGreaterThanOrEqualTo(80);
        List<DecisionMetrics> m = metrics(h);
        assertThat(m).hasSize(4);
        assertThat(m).extracting(x -> x.count).containsExactly(100L, 200L, 300L, 400L);
        // cost per step falls from the first window of 100 rounds to the last; the best arm in hindsight is c
        assertThat(m.get(3).windowCostPerStep).isLessThan(m.get(0).windowCostPerStep);
        assertThat(m.get(3).bestArm).isEqualTo("c");
        assertThat(m.get(3).regret).isCloseTo(m.get(3).cumulativeCost - 400 * m.get(3).meanCost[2],
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m.get(3).regretPerStep).isLessThan(m.get(0).regretPerStep);
        assertThat(m.get(3).pulls[2]).isEqualTo(arms.stream().filter("c"::equals).count());
        double sum = 0;
        for (double p : m.get(3).probabilities) sum += p;
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rejects(h)).isEmpty();
    }

    @Test
    void lateDuplicatedUnmatchedAndLostFeedbackAreRejectedWithReasonsAndCounted() throws Exception {
        var h = harness(tsallis());
        for (String id : List.of("r1", "r2", "r3")) send(h, request("k", id, 1_000));
        h.processWatermark(new Watermark(1_000));
        assertThat(h.extractOutputValues()).extracting(d -> d.requestId).containsExactly("r1", "r2", "r3");
        send(h, cost("k", "r1", 1_500, 0.5));   // on time
        send(h, cost("k", "r1", 1_600, 0.25));  // duplicate
        send(h, cost("k", "r2", 2_500, 0.5));   // late: 1500 ms after its request, timeout 1000
        send(h, cost("k", "zz", 1_700, 0.5));   // no such decision
        // r3: no cost at all (lost)
        h.processWatermark(new Watermark(Long.MAX_VALUE));

        assertThat(rejects(h)).extracting(r -> r.reason).containsExactly(
                "duplicate feedback: requestId 'r1' already has a cost",
                "unmatched feedback: key 'k' has no open decision for requestId 'zz' (its request was rejected, or it is older than timeout + retention)",
                "late feedback: cost stamped 1500 ms after its request, timeout is 1000 ms");
        assertThat(rejects(h)).extracting(r -> r.raw).contains("{\"requestId\":\"r1\",\"cost\":0.25}");
        DecisionMetrics last = metrics(h).get(metrics(h).size() - 1);
        assertThat(last.last).isTrue();
        assertThat(last.decisions).isEqualTo(3);
        assertThat(last.count).isEqualTo(1);
        assertThat(last.cumulativeCost).isEqualTo(0.5);
        assertThat(last.lost).isEqualTo(2);
        assertThat(last.late).isEqualTo(1);
        assertThat(last.duplicate).isEqualTo(1);
    }

    @Test
    void requestsAndCostsAreForgottenAfterTimeoutPlusRetentionAndNoTimerIsLeft() throws Exception {
        var h = harness(tsallis());
        play(h, "k", 0, 20);
        send(h, request("k", "open", 20_000));
        h.setProcessingTime(1_000); // the latency cap fires
        assertThat(h.extractOutputValues()).extracting(d -> d.requestId).contains("open");
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(3); // the bandit, its open rounds, its agenda
        // past every request's timeout + retention: only the policy itself and the end-of-input timer remain
        h.processWatermark(new Watermark(20_000 + 1_000 + 500));
        assertThat(metrics(h)).as("the lost request is reported when its timeout passes, not at the next cost")
                .anyMatch(m -> !m.last && m.lost == 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.numEventTimeTimers()).isZero();
        DecisionMetrics last = metrics(h).get(metrics(h).size() - 1);
        assertThat(last.lost).isEqualTo(1);
        assertThat(last.count).isEqualTo(20);
    }

    @Test
    void aRequestWaitsForTheWatermarkAtMostTheLatencyCap() throws Exception {
        var h = harness(tsallis());
        h.setProcessingTime(0);
        send(h, request("k", "r1", 5_000));
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(49);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(50);
        assertThat(h.extractOutputValues()).extracting(d -> d.requestId).containsExactly("r1");
        // released up to 5000: a request stamped earlier is answered on arrival
        send(h, request("k", "r0", 4_000));
        assertThat(h.extractOutputValues()).extracting(d -> d.requestId).containsExactly("r1", "r0");
    }

    @Test
    void decisionsDependOnEventTimeNotOnArrivalOrder() throws Exception {
        // the same rounds arriving in two orders (costs before or after later requests, within the watermark)
        SplittableRandom rnd = new SplittableRandom(3);
        List<DecisionEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(request("k", String.format("r%03d", i), 1_000L + 10L * i));
            events.add(cost("k", String.format("r%03d", i), 1_000L + 10L * i + 25, rnd.nextDouble()));
        }
        List<Decision> inOrder = runInBatches(events, false);
        List<Decision> shuffled = runInBatches(events, true);
        assertThat(shuffled).hasSize(200);
        assertThat(shuffled).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(inOrder);
    }

    static List<Decision> runInBatches(List<DecisionEvent> events, boolean shuffle) throws Exception {
        var h = harness(tsallis());
        SplittableRandom rnd = new SplittableRandom(99);
        for (int start = 0; start < events.size(); start += 16) {
            List<DecisionEvent> batch = new ArrayList<>(events.subList(start, Math.min(events.size(), start + 16)));
            if (shuffle) java.util.Collections.shuffle(batch, new java.util.Random(rnd.nextLong()));
            long min = Long.MAX_VALUE;
            for (DecisionEvent e : batch) {
                send(h, e);
                min = Math.min(min, e.ts);
            }
            h.processWatermark(new Watermark(min - 1));
        }
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        return h.extractOutputValues();
    }

    @Test
    void restoreFromASnapshotContinuesExactlyAsAnUninterruptedRun() throws Exception {
        var whole = harness(tsallis());
        List<String> uninterrupted = play(whole, "k", 0, 200);

        var first = harness(tsallis());
        List<String> before = play(first, "k", 0, 90);
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var second = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DecideFunction(tsallis())),
                (DecisionEvent e) -> e.key, Types.STRING);
        second.initializeState(snapshot);
        second.open();
        List<String> after = play(second, "k", 90, 200);
        List<String> resumed = new ArrayList<>(before);
        resumed.addAll(after);
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void contextualFamiliesNeedTheirContextAndUnknownKeysAreRejected() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DecideFunction(
                new DecideConfig(List.of(new DecideConfig.Family("ctx-", List.of("lo", "hi"), "squarecb", Map.of("offset", 0.0))),
                        1, 1_000, 0, 10, 50))), (DecisionEvent e) -> e.key, Types.STRING);
        h.open();
        send(h, DecisionEvent.request("ctx-1", "a", 100, new double[] {0.3}));
        send(h, DecisionEvent.request("ctx-1", "b", 100, null));
        send(h, DecisionEvent.request("other", "c", 100, null));
        h.processWatermark(new Watermark(100));
        assertThat(h.extractOutputValues()).extracting(d -> d.requestId).containsExactly("a");
        assertThat(rejects(h)).extracting(r -> r.reason).containsExactly(
                "no arm set configured for key 'other' (no decide.families prefix matches it)",
                "context must have 1 number(s) for policy squarecb of family 'ctx-', got none");
    }
}
