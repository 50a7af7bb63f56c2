package io.tidecast.operators.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.records.DecisionEvent;
import io.tidecast.records.Reject;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RequestRouterTest {
    static KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, DecisionEvent> harness() throws Exception {
        DecideConfig cfg = new DecideConfig(List.of(new DecideConfig.Family("", List.of("a", "b"), "exp3", Map.of())), 1, 1_000, 500, 10, 50);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RequestRouter(cfg)),
                (DecisionEvent e) -> e.requestId, Types.STRING);
        h.open();
        return h;
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, DecisionEvent> h, DecisionEvent e) throws Exception {
        h.processElement(e, e.ts);
    }

    static List<String> reasons(KeyedOneInputStreamOperatorTestHarness<String, DecisionEvent, DecisionEvent> h) {
        var q = h.getSideOutput(RequestRouter.REJECTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).map((Reject r) -> r.reason).toList();
    }

    @Test
    void feedbackGetsTheKeyOfItsRequestAlsoWhenItArrivesFirst() throws Exception {
        var h = harness();
        send(h, DecisionEvent.feedback("r2", 150, 0.5)); // its request is still on its way
        send(h, DecisionEvent.request("k1", "r1", 100, null));
        send(h, DecisionEvent.feedback("r1", 120, 1.0));
        send(h, DecisionEvent.request("k2", "r2", 110, null));
        h.processWatermark(new Watermark(200));
        List<DecisionEvent> out = h.extractOutputValues();
        assertThat(out).extracting(e -> e.requestId + "/" + e.key + "/" + (e.isRequest() ? "req" : "cost"))
                .containsExactly("r1/k1/req", "r1/k1/cost", "r2/k2/req", "r2/k2/cost");
        assertThat(reasons(h)).isEmpty();
    }

    @Test
    void unmatchedEarlyAndRepeatedRecordsAreRejectedAndStateIsForgotten() throws Exception {
        var h = harness();
        send(h, DecisionEvent.feedback("ghost", 150, 0.5));
        send(h, DecisionEvent.request("k1", "r1", 100, null));
        send(h, DecisionEvent.request("k9", "r1", 105, null));
        send(h, DecisionEvent.feedback("r1", 90, 1.0));
        h.processWatermark(new Watermark(200));
        send(h, DecisionEvent.feedback("ghost2", 180, 0.5)); // behind the watermark: no request can come for it
        assertThat(reasons(h)).containsExactly(
                "duplicate requestId: already requested by key 'k1' at ts 100",
                "feedback at ts 90 is stamped before its request (ts 100)",
                "unmatched feedback: no request with requestId 'ghost' (never requested, or forgotten 1500 ms after its request)",
                "unmatched feedback: no request with requestId 'ghost2' (never requested, or forgotten 1500 ms after its request)");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // r1
        h.processWatermark(new Watermark(100 + 1_500));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        // forgotten: feedback for r1 now is unmatched
        send(h, DecisionEvent.feedback("r1", 1_700, 1.0));
        h.processWatermark(new Watermark(1_700));
        assertThat(reasons(h)).hasSize(5);
        assertThat(h.numKeyedStateEntries()).isZero();
    }
}
