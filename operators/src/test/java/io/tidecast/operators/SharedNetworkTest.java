package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.rnn.RnnLearners;
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
    void theShortestHorizonIsForecastBitForBitLikeItsPerHorizonNetwork() throws Exception {
        long[] horizons = {300, 100, 500}; // the shortest need not come first
        var shared = harness(config(horizons, snap("rnn", true)));
        var each = harness(config(horizons, snap("rnn", false)));
        for (Sample s : input(120)) {
            shared.processElement(s, s.ts);
            each.processElement(s, s.ts);
        }
        List<String> a = lines(shared.extractOutputValues(), "rnn");
        List<String> b = lines(each.extractOutputValues(), "rnn");
        assertThat(a.stream().filter(l -> l.contains(" 100 "))).hasSize(2 * 91)
                .containsExactlyElementsOf(b.stream().filter(l -> l.contains(" 100 ")).toList());
        // the longer horizons come from the shared core's hidden state through their own heads, not from other networks
        assertThat(a.stream().filter(l -> l.contains(" 500 ")).toList())
                .doesNotContainAnyElementsOf(b.stream().filter(l -> l.contains(" 500 ")).toList());
    }

    @Test
    void theCoreLearnsTheShortestHorizonAndEveryLongerHeadItsOwnArrivedTargets() throws Exception {
        var h = harness(config(new long[] {100, 300, 500}, snap("rnn", true)));
        List<Sample> in = input(80);
        for (Sample s : in) h.processElement(s, s.ts);
        KeyState st = KeyStateMigrationTest.keyState(h, "a").value();
        assertThat(st.networks).hasSize(1);
        assertThat(st.tracks).allSatisfy(t -> assertThat(t.learner).isNull());
        SharedNetwork net = st.networks[0];
        // a core of 2 outputs learns window e at sample e + 1 (the shortest horizon): samples 4..79 end the 76 windows
        assertThat(net.network.outputDim()).isEqualTo(2);
        assertThat(net.network.trainer().steps()).isEqualTo(80 - 1 - 3);
        assertThat(net.heads[0]).isNull();
        assertThat(net.heads[1]).hasSize(2 * (8 + 1));
        assertThat(net.ring).hasSize(5 * 8);
        List<Forecast> f = h.extractOutputValues();
        for (long horizon : new long[] {100, 300, 500}) {
            assertThat(f.stream().filter(x -> x.model.equals("rnn") && x.horizonMs == horizon && x.key.equals("a"))).hasSize(51);
        }
    }

    static SharedNetwork network(double clip) {
        var spec = new LearnerSpec("rnn", "rnn-snap1", 4, Map.of("hidden", 8.0, "clip", clip));
        return new SharedNetwork("rnn", RnnLearners.create("rnn-snap1", spec, new LearnerContext(2, 4, 10, 7L)), new int[] {1, 3, 5}, 2);
    }

    @Test
    void aLongerHeadLearnsTowardItsTargetFromTheKeptHiddenStateWithTheTrainersStepAndClipping() {
        SharedNetwork net = network(100);
        for (int i = 0; i < 8; i++) net.ring[2 * 8 + i] = Math.sin(i); // window 7 lives at slot 7 mod 5
        net.target[0] = 0.8;
        net.target[1] = -0.5;
        double[] out = new double[2];
        net.headForecast(2, 7, out, 0);
        assertThat(out).containsExactly(0.0, 0.0); // heads start at zero: the key's mean
        net.learnHead(2, 7);
        double x2 = 1;
        for (int i = 0; i < 8; i++) x2 += Math.sin(i) * Math.sin(i);
        net.headForecast(2, 7, out, 0);
        // one step of η = 0.01 along e [x; 1]: the forecast moves by η ‖[x; 1]‖² e
        assertThat(out[0]).isCloseTo(0.01 * x2 * 0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out[1]).isCloseTo(0.01 * x2 * -0.5, org.assertj.core.data.Offset.offset(1e-12));
        for (int k = 0; k < 2000; k++) net.learnHead(2, 7);
        net.headForecast(2, 7, out, 0);
        assertThat(out[0]).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(net.heads[1]).containsOnly(0.0); // the other head did not move

        SharedNetwork clipped = network(0.1);
        System.arraycopy(net.ring, 0, clipped.ring, 0, net.ring.length);
        clipped.target[0] = 0.8;
        clipped.target[1] = -0.5;
        clipped.learnHead(2, 7);
        clipped.headForecast(2, 7, out, 0);
        double norm = Math.sqrt((0.8 * 0.8 + 0.5 * 0.5) * x2);
        assertThat(out[0]).isCloseTo(0.01 * (0.1 / norm) * x2 * 0.8, org.assertj.core.data.Offset.offset(1e-12));
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
