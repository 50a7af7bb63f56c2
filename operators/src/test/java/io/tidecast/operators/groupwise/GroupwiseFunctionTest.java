package io.tidecast.operators.groupwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.learners.groupwise.GroupwiseStream;
import io.tidecast.learners.groupwise.MinMaxScaler;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupPrediction;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.Reject;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupwiseFunctionTest {
    static KeyedOneInputStreamOperatorTestHarness<String, GroupRecord, GroupPrediction> harness(GroupwiseConfig cfg) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new GroupwiseFunction(cfg)),
                (GroupRecord r) -> r.key, Types.STRING);
        h.open();
        return h;
    }

    static GroupRecord record(String key, int t) {
        double x = (t * 37 % 11) / 10.0;
        return new GroupRecord(key, t, new double[] {x * 40}, new double[] {t % 2}, 3 * x + (t % 2) + (x > 0.5 ? 2 : 0),
                x > 0.5 ? new String[] {"high"} : new String[0]);
    }

    static <T> List<T> side(KeyedOneInputStreamOperatorTestHarness<String, GroupRecord, GroupPrediction> h,
                            org.apache.flink.util.OutputTag<T> tag) {
        var q = h.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void predictsPerRecordBooksPerGroupAndCleansUpAtTheEnd() throws Exception {
        GroupwiseConfig cfg = new GroupwiseConfig();
        cfg.metricsEvery = 10;
        var h = harness(cfg);
        GroupwiseStream same = new GroupwiseStream(MinMaxScaler.running(1), 1, 1.0);
        for (int t = 0; t < 25; t++) {
            GroupRecord r = record("a", t);
            h.processElement(r, t);
            h.processElement(record("b", t), t);
            GroupwiseStream.Outcome o = same.process(r.features, r.indicators, r.target, r.groups);
            GroupPrediction p = h.extractOutputValues().get(2 * t);
            assertThat(p.prediction).isEqualTo(o.prediction());
            assertThat(p.baseline).isEqualTo(o.baseline());
        }
        assertThat(side(h, GroupwiseFunction.METRICS)).hasSize(2 * 2 * 2); // keys x (after 10, 20) x groups
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isEqualTo(2);

        h.processWatermark(new Watermark(Long.MAX_VALUE));
        List<GroupMetrics> last = side(h, GroupwiseFunction.METRICS).stream().filter(m -> m.last).toList();
        assertThat(last).hasSize(4);
        assertThat(last.stream().filter(m -> m.key.equals("a")).toList())
                .usingRecursiveComparison().isEqualTo(same.metrics("a", false, true));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aRecordThatDoesNotFitItsKeyIsRejectedAndTheKeyGoesOn() throws Exception {
        var h = harness(new GroupwiseConfig());
        h.processElement(record("a", 0), 0);
        GroupRecord wrong = record("a", 1);
        wrong.features = new double[] {1, 2};
        h.processElement(wrong, 1);
        GroupRecord tooSmall = new GroupRecord("c", 0, new double[] {1}, new double[0], 1, new String[0]);
        h.processElement(tooSmall, 0);
        h.processElement(record("a", 2), 2);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(side(h, GroupwiseFunction.REJECTS)).extracting((Reject r) -> r.reason)
                .containsExactly("expected 1 features for this key, got 2", "needs at least 2 features and indicators in all, got 1");
        h.close();
    }

    @Test
    void restoreFromASnapshotContinuesIdentically() throws Exception {
        var a = harness(new GroupwiseConfig());
        for (int t = 0; t < 30; t++) a.processElement(record("k", t), t);
        OperatorSubtaskState snap = a.snapshot(1, 30);
        var b = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new GroupwiseFunction(new GroupwiseConfig())),
                (GroupRecord r) -> r.key, Types.STRING);
        b.initializeState(snap);
        b.open();
        for (int t = 30; t < 60; t++) {
            a.processElement(record("k", t), t);
            b.processElement(record("k", t), t);
        }
        List<GroupPrediction> pa = a.extractOutputValues().subList(30, 60);
        assertThat(b.extractOutputValues()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(pa);
        a.close();
        b.close();
    }

    @Test
    void badDeclaredBoundsAreRefusedBeforeTheJobRuns() {
        GroupwiseConfig cfg = new GroupwiseConfig();
        cfg.featureLo = new double[] {0};
        cfg.featureHi = new double[] {-1};
        cfg.targetLo = 0;
        cfg.targetHi = 1;
        assertThatThrownBy(() -> new GroupwiseFunction(cfg)).hasMessageContaining("hi >= lo");
    }
}
