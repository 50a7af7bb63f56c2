package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastFunctionTest {

    @BeforeAll
    static void registerSpy() {
        SpyLearner.register();
    }

    static ForecastConfig config(int warmup, long ttlMs, long[] horizons, LearnerSpec... learners) {
        return new ForecastConfig(horizons, List.of(learners), 100.0, warmup, 2, 3, ttlMs, 1, 7L);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness(ForecastConfig cfg) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static Sample sample(String key, long ts, double... v) {
        return new Sample(key, ts, v);
    }

    static List<MetricsRecord> metrics(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        var q = h.getSideOutput(ForecastFunction.METRICS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    static List<Reject> rejects(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        var q = h.getSideOutput(ForecastFunction.REJECTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void lastValueForecastsAreScoredAgainstTheSampleTheyTarget() throws Exception {
        // values 0,0,0,1,3,6,10; warm-up 3 samples; last value at 1 step (100 ms):
        // forecasts 0,1,3,6 for targets 1,3,6,10 -> errors 1,2,3,4
        var h = harness(config(3, 1_000, new long[] {100}, new LearnerSpec("last", "last", 1, Map.of())));
        double[] v = {0, 0, 0, 1, 3, 6, 10};
        for (int i = 0; i < v.length; i++) h.processElement(sample("a", 1000 + 100L * i, v[i]), 1000 + 100L * i);
        h.processWatermark(new Watermark(Long.MAX_VALUE));

        List<Forecast> f = h.extractOutputValues();
        assertThat(f).extracting(x -> x.values[0]).containsExactly(0.0, 1.0, 3.0, 6.0, 10.0);
        assertThat(f.get(0).ts).isEqualTo(1200);
        assertThat(f.get(0).targetTs).isEqualTo(1300);

        MetricsRecord last = metrics(h).stream().filter(m -> m.last && m.scope.equals("total")).findFirst().orElseThrow();
        assertThat(last.count).isEqualTo(4);
        assertThat(last.mae).isCloseTo(2.5, within(1e-12));
        assertThat(last.rmse).isCloseTo(Math.sqrt(30.0 / 4), within(1e-12));
        assertThat(last.maxError).isEqualTo(4.0);
        assertThat(last.jitter).isCloseTo(2.0, within(1e-12)); // forecasts 0->1->3->6 move 1, 2, 3
        // targets 1,3,6,10 have mean 5 and squared deviations 16+4+1+25 = 46
        assertThat(last.nrmse).isCloseTo(Math.sqrt(30.0 / 46), within(1e-12));
    }

    @Test
    void threeDimensionalPointsAreScoredByEuclideanDistance() throws Exception {
        var cfg = new ForecastConfig(new long[] {100}, List.of(new LearnerSpec("last", "last", 1, Map.of())), 100.0, 3, 100, 1,
                1_000, 3, 7L);
        var h = harness(cfg);
        h.processElement(sample("a", 0, 0, 0, 0), 0);
        h.processElement(sample("a", 100, 0, 0, 0), 100);
        h.processElement(sample("a", 200, 0, 0, 0), 200);
        h.processElement(sample("a", 300, 3, 4, 0), 300);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        MetricsRecord last = metrics(h).stream().filter(m -> m.last && m.scope.equals("total")).findFirst().orElseThrow();
        assertThat(last.count).isEqualTo(1);
        assertThat(last.mae).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void learnersOnlyLearnFromTargetsThatHaveArrived() throws Exception {
        SpyLearner.TAUGHT.clear();
        int warmup = 6;
        int hSteps = 3;
        var h = harness(config(warmup, 10_000, new long[] {100L * hSteps}, new LearnerSpec("spy", "spy", 2, Map.of())));
        // ramp v(n) = n: warm-up mean 2.5, population std sqrt(35/12)
        double mean = 2.5;
        double std = Math.sqrt(35.0 / 12);
        int total = 20;
        int taughtBefore = 0;
        for (int n = 0; n < total; n++) {
            h.processElement(sample("k", 100L * n, n), 100L * n);
            List<double[]> taught = new ArrayList<>(SpyLearner.TAUGHT);
            for (double[] rec : taught.subList(taughtBefore, taught.size())) {
                // rec = [1, x_{end-1}, x_end, y]; all standardised
                double target = rec[3] * std + mean;
                double newestInput = rec[2] * std + mean;
                assertThat(target).as("a learner was taught a target from the future").isLessThanOrEqualTo(n + 1e-9);
                assertThat(target - newestInput).as("target is h steps after the input window").isCloseTo(hSteps, within(1e-9));
            }
            taughtBefore = taught.size();
        }
        // pairs with targets 4..19 (input windows need 2 samples, target 3 steps later): 16 pairs, none missing
        assertThat(SpyLearner.TAUGHT).hasSize(total - 1 - hSteps);
        assertThat(h.extractOutputValues()).hasSize(total - warmup + 1);
    }

    @Test
    void stateAndTimersAreCleanedUpWhenAKeyGoesIdle() throws Exception {
        var h = harness(config(3, 1_000, new long[] {100}, new LearnerSpec("last", "last", 1, Map.of())));
        for (int n = 0; n < 5; n++) h.processElement(sample("a", 100L * n, n), 100L * n);
        for (int n = 0; n < 5; n++) h.processElement(sample("b", 2_000 + 100L * n, n), 2_000 + 100L * n);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isEqualTo(2);

        h.processWatermark(new Watermark(1_400)); // a's last sample is at 400: idle for 1000 ms
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(metrics(h)).filteredOn(m -> m.last).extracting(m -> m.key).containsOnly("a");

        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void anActiveKeyIsNotExpired() throws Exception {
        var h = harness(config(3, 1_000, new long[] {100}, new LearnerSpec("last", "last", 1, Map.of())));
        for (int n = 0; n < 30; n++) {
            h.processElement(sample("a", 100L * n, n), 100L * n);
            h.processWatermark(new Watermark(100L * n));
        }
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(metrics(h)).noneMatch(m -> m.last);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void recordsThatDoNotFitTheKeyAreRejectedWithTheReason() throws Exception {
        var h = harness(config(3, 1_000, new long[] {100}, new LearnerSpec("last", "last", 1, Map.of())));
        h.processElement(sample("a", 100, 1, 2), 100);
        h.processElement(sample("a", 200, 1, 2, 3), 200);
        h.processElement(sample("a", 200, 1, 2), 200);
        h.processElement(sample("a", 150, 1, 2), 150);
        h.processElement(sample("a", 300, 1, 2), 300);
        h.processElement(sample("a", 300, 1, 2), 300);
        // the record of wrong length did not move the key's clock, so the second one at 200 is good
        assertThat(rejects(h)).extracting(r -> r.reason).containsExactly(
                "vector length 3 differs from this key's length 2",
                "timestamp 150 is not after the key's previous timestamp 200",
                "timestamp 300 repeats the key's previous timestamp");
        assertThat(rejects(h)).extracting(r -> r.code).containsExactly("vector-length-changed", "out-of-order", "duplicate-timestamp");
        assertThat(rejects(h).get(0).raw).isEqualTo("{\"key\":\"a\",\"ts\":200,\"values\":[1.0,2.0,3.0]}");
    }

    @Test
    void restoreFromASnapshotContinuesExactlyLikeAnUninterruptedRun() throws Exception {
        var cfg = config(10, 5_000, new long[] {100, 300}, new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("spy", "spy", 3, Map.of()));
        List<Sample> input = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            for (String k : List.of("a", "b")) input.add(sample(k, 100L * n, Math.sin(n / 3.0) + k.length(), Math.cos(n / 5.0)));
        }
        var straight = harness(cfg);
        for (Sample s : input) straight.processElement(s, s.ts);
        straight.processWatermark(new Watermark(Long.MAX_VALUE));

        var first = harness(cfg);
        for (Sample s : input.subList(0, 51)) first.processElement(s, s.ts);
        OperatorSubtaskState snap = first.snapshot(1L, 1L);
        List<Forecast> before = first.extractOutputValues();
        List<MetricsRecord> metricsBefore = metrics(first);
        first.close();
        var second = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        second.initializeState(snap);
        second.open();
        for (Sample s : input.subList(51, input.size())) second.processElement(s, s.ts);
        second.processWatermark(new Watermark(Long.MAX_VALUE));

        List<Forecast> resumed = new ArrayList<>(before);
        resumed.addAll(second.extractOutputValues());
        assertThat(resumed).containsExactlyElementsOf(straight.extractOutputValues());
        List<String> resumedMetrics = new ArrayList<>();
        metricsBefore.forEach(m -> resumedMetrics.add(m.toString()));
        metrics(second).forEach(m -> resumedMetrics.add(m.toString()));
        assertThat(resumedMetrics).containsExactlyElementsOf(metrics(straight).stream().map(Object::toString).toList());
    }

    @Test
    void aLearnerThatDivergesIsResetAndSaysSoWhileTheOthersGoOn() throws Exception {
        SpyLearner.registerDiverging(40);
        var h = harness(config(10, 10_000, new long[] {100}, new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("wild", "diverging", 2, Map.of())));
        for (int n = 0; n < 60; n++) h.processElement(sample("a", 100L * n, n), 100L * n);

        // warm-up replays 8 pairs, then one per sample: the 41st pair (sample 42) makes its forecasts NaN
        List<Reject> r = rejects(h);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).reason).isEqualTo("learner 'wild' at horizon 100 ms produced a non-finite forecast and was reset");
        List<Forecast> f = h.extractOutputValues();
        assertThat(f).hasSize(2 * 51);
        assertThat(f).allSatisfy(x -> assertThat(Double.isFinite(x.values[0])).isTrue());
        assertThat(f.stream().filter(x -> x.model.equals("last")).count()).isEqualTo(51);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hedge", "adanormalhedge"})
    void theEnsembleLearnsToTrustTheBetterMemberFromLossesAtItsOwnHorizon(String policy) throws Exception {
        // "last" is exact on a constant signal; "spy" always says 0 (the warm-up mean is 5, so it is far off)
        var cfg = new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("spy", "spy", 1, Map.of())), 100.0, 10, 50, 4, 100_000, 1, 7L, policy);
        var h = harness(cfg);
        for (int n = 0; n < 400; n++) h.processElement(sample("a", 100L * n, n < 5 ? 0 : 10), 100L * n);
        h.processWatermark(new Watermark(Long.MAX_VALUE));

        List<MetricsRecord> finals = metrics(h).stream().filter(m -> m.last && m.scope.equals("total")).toList();
        for (long horizon : new long[] {100, 300}) {
            MetricsRecord ens = finals.stream().filter(m -> m.model.equals("ensemble") && m.horizonMs == horizon).findFirst().orElseThrow();
            MetricsRecord last = finals.stream().filter(m -> m.model.equals("last") && m.horizonMs == horizon).findFirst().orElseThrow();
            assertThat(ens.count).isEqualTo(last.count);
            assertThat(ens.bestModel).isEqualTo("last");
            assertThat(last.weight).isGreaterThan(0.99);
            // the best member lost nothing, so regret is the mixture's own loss: small, and within Hedge's bound
            // Hedge: 2 sqrt(T ln N / 2) + sqrt(ln N / 8) (Cesa-Bianchi & Lugosi Thm 2.3); AdaNormalHedge:
            // O(sqrt(T ln(N ln T))) (Luo & Schapire 2015), with the loose constant 3 of AdaNormalHedgeTest
            double T = ens.count;
            double bound = policy.equals("hedge") ? 2 * Math.sqrt(T * Math.log(2) / 2) + Math.sqrt(Math.log(2) / 8)
                    : 3 * Math.sqrt(T * Math.log(2 * Math.log(T)));
            assertThat(ens.regret).isPositive().isLessThan(bound);
            assertThat(ens.regretPerStep).isLessThan(0.05);
            assertThat(ens.regret).isCloseTo(ens.cumulativeLoss - ens.bestLoss, within(1e-12));
            assertThat(ens.members).containsExactly("last", "spy");
            assertThat(ens.weights[0]).isEqualTo(last.weight);
            assertThat(ens.weights[0] + ens.weights[1]).isCloseTo(1.0, within(1e-12));
            assertThat(ens.group).isNull();
        }
        List<Forecast> f = h.extractOutputValues();
        Forecast lastEnsemble = f.stream().filter(x -> x.model.equals("ensemble")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastEnsemble.values[0]).isCloseTo(10.0, within(0.1));
    }
}
