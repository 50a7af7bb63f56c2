package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** An RNN learner with {@code shareHorizons: 1}: one network serves every horizon ({@link SharedNetwork}). */
class SharedNetworkTest {

    static ForecastConfig config(long[] horizons, LearnerSpec... learners) {
        return new ForecastConfig(horizons, List.of(learners), 100.0, 30, 10, 3, 60_000, 1, 7L, "hedge");
    }

    static LearnerSpec snap(String name, boolean shared) {
        return new LearnerSpec(name, "rnn-snap1", 4, shared ? Map.of("hidden", 8.0, "shareHorizons", 1.0) : Map.of("hidden", 8.0));
    }

    static List<Sample> input(int n) {
        List<Sample> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (String k : List.of("a", "b")) {
                in.add(new Sample(k, 100L * i, new double[] {Math.sin(i / 4.0) * 3 + k.length(), Math.cos(i / 6.0) - 1}));
            }
        }
        return in;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness(ForecastConfig cfg) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static List<String> lines(List<Forecast> fs, String model) {
        return fs.stream().filter(f -> f.model.equals(model)).map(f -> f.key + " " + f.horizonMs + " " + f.ts + " "
                + java.util.Arrays.toString(f.values)).toList();
    }

    @Test
    void withOneHorizonTheSharedNetworkIsThePerHorizonNetworkBitForBit() throws Exception {
        var shared = harness(config(new long[] {300}, snap("rnn", true)));
        var each = harness(config(new long[] {300}, snap("rnn", false)));
        for (Sample s : input(120)) {
            shared.processElement(s, s.ts);
            each.processElement(s, s.ts);
        }
        List<String> a = lines(shared.extractOutputValues(), "rnn");
        assertThat(a).hasSize(2 * 91).containsExactlyElementsOf(lines(each.extractOutputValues(), "rnn"));
        assertThat(KeyStateMigrationTest.keyState(shared, "a").value().networks).hasSize(1);
        assertThat(KeyStateMigrationTest.keyState(each, "a").value().networks).isNull();
    }

    @Test
    void oneNetworkForecastsEveryHorizonLearningOnlyFromArrivedTargets() throws Exception {
        var h = harness(config(new long[] {100, 300, 500}, snap("rnn", true)));
        List<Sample> in = input(80);
        for (Sample s : in) h.processElement(s, s.ts);
        KeyState st = KeyStateMigrationTest.keyState(h, "a").value();
        assertThat(st.networks).hasSize(1);
        assertThat(st.tracks).allSatisfy(t -> assertThat(t.learner).isNull());
        // 2 outputs x 3 heads; window e is learned at sample e + 5 (the longest horizon): samples 3..74 end the 72 windows
        var net = (io.tidecast.learners.rnn.RnnLearner) st.networks[0].network;
        assertThat(net.outputDim()).isEqualTo(6);
        assertThat(net.trainer().steps()).isEqualTo(80 - 5 - 3);
        List<Forecast> f = h.extractOutputValues();
        for (long horizon : new long[] {100, 300, 500}) {
            assertThat(f.stream().filter(x -> x.model.equals("rnn") && x.horizonMs == horizon && x.key.equals("a"))).hasSize(51);
        }
        // the heads differ: each has its own read-out
        Forecast h1 = f.stream().filter(x -> x.model.equals("rnn") && x.horizonMs == 100 && x.ts == 7900 && x.key.equals("a")).findFirst().orElseThrow();
        Forecast h5 = f.stream().filter(x -> x.model.equals("rnn") && x.horizonMs == 500 && x.ts == 7900 && x.key.equals("a")).findFirst().orElseThrow();
        assertThat(h1.values).isNotEqualTo(h5.values);
    }

    @Test
    void restoreFromASnapshotContinuesExactlyLikeAnUninterruptedRun() throws Exception {
        var cfg = config(new long[] {100, 300, 500}, snap("rnn", true), new LearnerSpec("lms", "lms", 3, Map.of()),
                new LearnerSpec("rls", "rls", 3, Map.of()));
        List<Sample> input = input(90);
        var straight = harness(cfg);
        for (Sample s : input) straight.processElement(s, s.ts);
        straight.processWatermark(new Watermark(Long.MAX_VALUE));

        var first = harness(cfg);
        for (Sample s : input.subList(0, 121)) first.processElement(s, s.ts);
        OperatorSubtaskState snap = first.snapshot(1L, 1L);
        List<Forecast> before = first.extractOutputValues();
        List<String> resumedMetrics = new ArrayList<>();
        ForecastFunctionTest.metrics(first).forEach(m -> resumedMetrics.add(m.toString()));
        first.close();
        var second = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        second.initializeState(snap);
        second.open();
        for (Sample s : input.subList(121, input.size())) second.processElement(s, s.ts);
        second.processWatermark(new Watermark(Long.MAX_VALUE));

        List<Forecast> resumed = new ArrayList<>(before);
        resumed.addAll(second.extractOutputValues());
        assertThat(resumed).containsExactlyElementsOf(straight.extractOutputValues());
        ForecastFunctionTest.metrics(second).forEach(m -> resumedMetrics.add(m.toString()));
        List<MetricsRecord> all = ForecastFunctionTest.metrics(straight);
        assertThat(all).anySatisfy(m -> assertThat(m.nrmse).isFinite());
        assertThat(resumedMetrics).containsExactlyElementsOf(all.stream().map(Object::toString).toList());
    }
}
