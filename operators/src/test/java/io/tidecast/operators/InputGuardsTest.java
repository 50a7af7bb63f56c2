package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.InputLimits;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The per-key input guards: key budget, late records, far-future timestamps. */
class InputGuardsTest {
    static final ForecastConfig CFG = new ForecastConfig(new long[] {100}, List.of(new LearnerSpec("last", "last", 1, Map.of())), 100.0,
            3, 2, 3, 1_000, 1, 7L);

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness(InputLimits limits) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(CFG, limits)),
                (Sample s) -> s.key, Types.STRING);
    }

    static List<Reject> rejects(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        var q = h.getSideOutput(ForecastFunction.REJECTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h, String key, long ts) throws Exception {
        h.processElement(new Sample(key, ts, new double[] {ts / 100.0}), ts);
    }

    @Test
    void aNewKeyBeyondTheBudgetIsRejectedUntilAKeyExpires() throws Exception {
        var h = harness(new InputLimits(0, 0, 0, 2));
        h.open();
        send(h, "a", 100);
        send(h, "b", 100);
        send(h, "c", 100);
        send(h, "a", 200);
        assertThat(rejects(h)).extracting(r -> r.code).containsExactly("key-budget-exceeded");
        assertThat(rejects(h).get(0).raw).contains("\"key\":\"c\"");
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);

        // b idles past the TTL (1 s of event time) and expires: its place goes to the next new key
        send(h, "a", 1_500);
        h.processWatermark(new Watermark(1_400));
        send(h, "c", 1_500);
        assertThat(rejects(h)).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void theLiveKeyCountSurvivesACheckpoint() throws Exception {
        var h = harness(new InputLimits(0, 0, 0, 2));
        h.open();
        send(h, "a", 100);
        send(h, "b", 100);
        OperatorSubtaskState snap = h.snapshot(1, 1);
        h.close();
        var restored = harness(new InputLimits(0, 0, 0, 2));
        restored.initializeState(snap);
        restored.open();
        send(restored, "c", 200);
        send(restored, "a", 200);
        assertThat(rejects(restored)).extracting(r -> r.code).containsExactly("key-budget-exceeded");
    }

    @Test
    void aRecordBehindTheWatermarkIsRejectedAsLate() throws Exception {
        var h = harness(InputLimits.none());
        h.open();
        send(h, "a", 1_000);
        h.processWatermark(new Watermark(900));
        send(h, "a", 1_100);
        send(h, "b", 800);
        send(h, "a", 899);
        assertThat(rejects(h)).extracting(r -> r.code).containsExactly("late", "late");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void oneFarFutureTimestampIsRejectedButAConfirmedJumpIsTaken() throws Exception {
        var h = harness(new InputLimits(0, 0, 60_000, 0));
        h.open();
        send(h, "a", 1_000);
        send(h, "a", 999_000_000); // corrupt: 11 days ahead
        send(h, "a", 1_100);        // the key continues where it was
        send(h, "a", 500_000);      // the stream really resumed after a pause ...
        send(h, "a", 500_100);      // ... and a second sample confirms it
        send(h, "a", 500_200);
        assertThat(rejects(h)).extracting(r -> r.code).containsExactly("future-timestamp", "future-timestamp");
        assertThat(h.extractOutputValues()).extracting(f -> f.ts).containsExactly(500_100L, 500_200L); // warm after 3 samples
    }
}
