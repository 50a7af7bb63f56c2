package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Online hyperparameter searches (mix and pick) and groupwise regret in the forecast operator. */
class EnsembleOperatorTest {

    @BeforeAll
    static void registerSpy() {
        SpyLearner.register();
    }

    static final String[] GRID = {"lms[eta=1e-05]", "lms[eta=0.01]", "lms[eta=0.003]"};

    static List<LearnerSpec> lmsGrid() {
        return List.of(new LearnerSpec(GRID[0], "lms", 4, Map.of("eta", 1e-5)), new LearnerSpec(GRID[1], "lms", 4, Map.of("eta", 0.01)),
                new LearnerSpec(GRID[2], "lms", 4, Map.of("eta", 0.003)));
    }

    static ForecastConfig searchConfig() {
        return new ForecastConfig(new long[] {100, 300}, lmsGrid(), 100.0, 20, 25, 4, 100_000, 1, 7L, "hedge",
                List.of(new EnsembleSpec("lms-search", "hedge", EnsembleSpec.Mode.MIX, List.of(GRID)),
                        new EnsembleSpec("lms-pick", "adanormalhedge", EnsembleSpec.Mode.PICK, List.of(GRID))));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness(ForecastConfig cfg) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static List<MetricsRecord> metrics(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        var q = h.getSideOutput(ForecastFunction.METRICS);
        return q == null ? List.of() : q.stream().map(r -> r.getValue()).toList();
    }

    static MetricsRecord finalTotal(List<MetricsRecord> ms, String model, long horizon, String group) {
        return ms.stream().filter(m -> m.last && m.scope.equals("total") && m.model.equals(model) && m.horizonMs == horizon
                && java.util.Objects.equals(m.group, group)).findFirst().orElseThrow(() -> new AssertionError(model + " " + horizon + " " + group));
    }

    static Sample sine(String key, int n) {
        return new Sample(key, 100L * n, new double[] {10 * Math.sin(n / 6.0) + 3, 4 * Math.cos(n / 9.0)});
    }

    /** Every field of a metrics record, for comparing runs exactly. */
    static String full(MetricsRecord m) {
        return m + " mae=" + m.mae + " jitter=" + m.jitter + " w=" + m.weight + " regret=" + m.regret + " rps=" + m.regretPerStep
                + " cum=" + m.cumulativeLoss + " best=" + m.bestModel + "/" + m.bestLoss + " members=" + Arrays.toString(m.members)
                + " weights=" + Arrays.toString(m.weights);
    }

    @Test
    void aSearchMixesOrPicksAmongItsGridAndReportsRegretAgainstTheBestGridMember() throws Exception {
        var h = harness(searchConfig());
        int total = 600;
        for (int n = 0; n < total; n++) h.processElement(sine("a", n), 100L * n);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        List<Forecast> f = h.extractOutputValues();
        List<MetricsRecord> ms = metrics(h);

        // every model forecasts at every horizon for every sample after the warm-up
        Map<String, Long> perModel = new TreeMap<>();
        for (Forecast x : f) perModel.merge(x.model, 1L, Long::sum);
        assertThat(perModel).containsOnlyKeys("ensemble", "lms-pick", "lms-search", GRID[0], GRID[1], GRID[2]);
        assertThat(perModel.values()).containsOnly(2L * (total - 20 + 1));

        // pick mode: each of its forecasts is exactly one grid member's forecast of the same instant and horizon
        Map<String, List<double[]>> byInstant = new HashMap<>();
        for (Forecast x : f) {
            if (x.model.startsWith("lms[")) byInstant.computeIfAbsent(x.ts + "/" + x.horizonMs, k -> new ArrayList<>()).add(x.values);
        }
        for (Forecast x : f) {
            if (!x.model.equals("lms-pick")) continue;
            assertThat(byInstant.get(x.ts + "/" + x.horizonMs)).anySatisfy(v -> assertThat(v).containsExactly(x.values));
        }

        for (long horizon : new long[] {100, 300}) {
            MetricsRecord best = Arrays.stream(GRID).map(g -> finalTotal(ms, g, horizon, null))
                    .min((a, b) -> Double.compare(a.cumulativeLoss, b.cumulativeLoss)).orElseThrow();
            for (String search : new String[] {"lms-search", "lms-pick"}) {
                MetricsRecord s = finalTotal(ms, search, horizon, null);
                assertThat(s.members).containsExactly(GRID);
                assertThat(s.bestModel).isEqualTo(best.model);
                assertThat(s.bestLoss).isEqualTo(best.cumulativeLoss);
                assertThat(s.regret).isCloseTo(s.cumulativeLoss - s.bestLoss, within(1e-12));
                // the worst grid member (no learning) is far off; the search gets close to the best one
                // (pick follows one member, so its early switches show fully in the nRMSE; mixing smooths them)
                assertThat(s.nrmse).as(search).isLessThan((search.endsWith("pick") ? 1.25 : 1.15) * best.nrmse);
                assertThat(s.regretPerStep).as(search).isLessThan(0.02);
                assertThat(s.weights[Arrays.asList(GRID).indexOf(best.model)]).as(search + " weight of the best").isGreaterThan(0.5);
            }
            assertThat(finalTotal(ms, GRID[0], horizon, null).nrmse).isGreaterThan(2 * best.nrmse);
            // a grid member's weight and loss come from the all-learner ensemble, which lists it too
            MetricsRecord ens = finalTotal(ms, "ensemble", horizon, null);
            assertThat(ens.members).containsExactly(GRID);
            assertThat(best.weight).isEqualTo(ens.weights[Arrays.asList(GRID).indexOf(best.model)]);
        }
    }

    /** Causality of every model, ensembles and searches included: changing the future changes no earlier output. */
    @Test
    void noForecastDependsOnSamplesAfterIt() throws Exception {
        var a = harness(searchConfig());
        var b = harness(searchConfig());
        for (int n = 0; n < 300; n++) {
            Sample s = sine("a", n);
            a.processElement(s, s.ts);
            if (n >= 200) s = new Sample("a", s.ts, new double[] {-s.values[0] * 3, s.values[1] + 7});
            b.processElement(s, s.ts);
        }
        List<Forecast> fa = a.extractOutputValues();
        List<Forecast> fb = b.extractOutputValues();
        List<Forecast> before = fa.stream().filter(x -> x.ts < 100L * 200).toList();
        assertThat(before).hasSize(6 * 2 * (200 - 20 + 1));
        assertThat(fb.stream().filter(x -> x.ts < 100L * 200).toList()).containsExactlyElementsOf(before);
        // and from the changed sample on, the ensemble and the searches do change
        assertThat(fb.stream().filter(x -> x.ts >= 100L * 200 && x.model.endsWith("search")).toList())
                .isNotEqualTo(fa.stream().filter(x -> x.ts >= 100L * 200 && x.model.endsWith("search")).toList());
    }

    @Test
    void searchesAreValidated() {
        assertThatThrownBy(() -> new ForecastConfig(new long[] {100}, lmsGrid(), 100.0, 20, 25, 4, 1000, 1, 7L, null,
                List.of(new EnsembleSpec("s", "hedge", EnsembleSpec.Mode.MIX, List.of("nope")))))
                .hasMessage("search 's': member 'nope' is not a configured learner");
        assertThatThrownBy(() -> new ForecastConfig(new long[] {100}, lmsGrid(), 100.0, 20, 25, 4, 1000, 1, 7L, null,
                List.of(new EnsembleSpec(GRID[0], "hedge", EnsembleSpec.Mode.MIX, List.of(GRID)))))
                .hasMessageContaining("already used");
        assertThatThrownBy(() -> new ForecastConfig(new long[] {100}, lmsGrid(), 100.0, 20, 25, 4, 1000, 1, 7L, null,
                List.of(new EnsembleSpec("s", "exp3", EnsembleSpec.Mode.MIX, List.of(GRID)))))
                .hasMessageContaining("policy must be one of");
        assertThatThrownBy(() -> EnsembleSpec.Mode.parse("vote")).hasMessage("mode must be mix or pick, not 'vote'");
    }

    /**
     * Two regimes: "steady" blocks where the signal holds at 10 ("last" is exact, "spy" is off by 5 = one warm-up
     * std: loss 1) and "flicker" blocks alternating 4/6 ("last" is off by 2: loss 0.16; "spy", at the warm-up mean 5,
     * by 1: loss 0.04). Every sample is also in "all". The best member differs per group; the groupwise figures are
     * recomputed here from the emitted forecasts.
     */
    @Test
    void groupwiseRegretIsAgainstTheBestMemberOnEachGroupsSubsequence() throws Exception {
        var cfg = new ForecastConfig(new long[] {100}, List.of(new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("spy", "spy", 1, Map.of())), 100.0, 10, 50, 4, 100_000, 1, 7L, "hedge");
        var h = harness(cfg);
        List<Sample> input = new ArrayList<>();
        for (int n = 0; n < 10; n++) input.add(new Sample("g", 100L * n, new double[] {n % 2 == 0 ? 0 : 10}));
        for (int n = 10; n < 810; n++) {
            boolean steady = (n / 40) % 2 == 0;
            Sample s = new Sample("g", 100L * n, new double[] {steady ? 10 : (n % 2 == 0 ? 4 : 6)});
            s.groups = new String[] {"all", steady ? "steady" : "flicker"};
            input.add(s);
        }
        for (Sample s : input) h.processElement(s, s.ts);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        List<MetricsRecord> ms = metrics(h);

        // independent recomputation: loss = min(1, ((forecast - target) / 5)^2), warm-up mean 5 and std 5
        Map<Long, Sample> byTs = new HashMap<>();
        for (Sample s : input) byTs.put(s.ts, s);
        Map<String, double[]> sums = new TreeMap<>(); // group -> [ensemble, last, spy, count]
        Map<Long, Map<String, Double>> forecasts = new HashMap<>();
        for (Forecast x : h.extractOutputValues()) forecasts.computeIfAbsent(x.ts, k -> new HashMap<>()).put(x.model, x.values[0]);
        for (var e : forecasts.entrySet()) {
            Sample target = byTs.get(e.getKey() + 100);
            if (target == null) continue; // not scored: no target
            String[] groups = byTs.get(e.getKey()).groups;
            if (groups == null) continue; // the last warm-up sample: no groups
            for (String g : groups) {
                double[] acc = sums.computeIfAbsent(g, k -> new double[4]);
                int i = 0;
                for (String model : new String[] {"ensemble", "last", "spy"}) {
                    double d = (e.getValue().get(model) - target.values[0]) / 5;
                    acc[i++] += Math.min(1, d * d);
                }
                acc[3]++;
            }
        }
        assertThat(sums).containsOnlyKeys("all", "flicker", "steady");
        for (var e : sums.entrySet()) {
            double[] acc = e.getValue();
            MetricsRecord m = finalTotal(ms, "ensemble", 100, e.getKey());
            assertThat(m.count).isEqualTo((long) acc[3]);
            assertThat(m.cumulativeLoss).as(e.getKey()).isCloseTo(acc[0], within(1e-9));
            assertThat(m.bestLoss).as(e.getKey()).isCloseTo(Math.min(acc[1], acc[2]), within(1e-9));
            assertThat(m.bestModel).isEqualTo(acc[1] <= acc[2] ? "last" : "spy");
            assertThat(m.regret).isCloseTo(acc[0] - Math.min(acc[1], acc[2]), within(1e-9));
            assertThat(m.regretPerStep).isCloseTo(m.regret / m.count, within(1e-12));
            assertThat(m.nrmse).isNaN();
        }
        assertThat(finalTotal(ms, "ensemble", 100, "steady").bestModel).isEqualTo("last");
        assertThat(finalTotal(ms, "ensemble", 100, "flicker").bestModel).isEqualTo("spy");
        MetricsRecord all = finalTotal(ms, "ensemble", 100, "all");
        MetricsRecord overall = finalTotal(ms, "ensemble", 100, null);
        // every scored forecast but the one from the last warm-up sample (no groups) is in "all"
        assertThat(all.count).isEqualTo(overall.count - 1).isEqualTo(finalTotal(ms, "ensemble", 100, "steady").count
                + finalTotal(ms, "ensemble", 100, "flicker").count);
        // one Hedge over the whole stream follows "last" overall, so on "flicker" it pays against "spy": the figure shows it
        assertThat(finalTotal(ms, "ensemble", 100, "flicker").regret).isPositive();
        // state is cleaned up after the key goes idle
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void restoreWithSearchesAndGroupsContinuesExactly() throws Exception {
        List<Sample> input = new ArrayList<>();
        for (int n = 0; n < 160; n++) {
            for (String k : List.of("a", "b")) {
                Sample s = sine(k, n);
                s.groups = n % 3 == 0 ? new String[] {"third"} : n % 5 == 0 ? new String[] {"fifth", "third"} : null;
                input.add(s);
            }
        }
        var straight = harness(searchConfig());
        for (Sample s : input) straight.processElement(s, s.ts);
        straight.processWatermark(new Watermark(Long.MAX_VALUE));

        var first = harness(searchConfig());
        for (Sample s : input.subList(0, 171)) first.processElement(s, s.ts);
        OperatorSubtaskState snap = first.snapshot(1L, 1L);
        List<Forecast> resumed = new ArrayList<>(first.extractOutputValues());
        List<String> resumedMetrics = new ArrayList<>(metrics(first).stream().map(EnsembleOperatorTest::full).toList());
        first.close();
        var second = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(searchConfig())),
                (Sample s) -> s.key, Types.STRING);
        second.initializeState(snap);
        second.open();
        for (Sample s : input.subList(171, input.size())) second.processElement(s, s.ts);
        second.processWatermark(new Watermark(Long.MAX_VALUE));
        resumed.addAll(second.extractOutputValues());
        metrics(second).forEach(m -> resumedMetrics.add(full(m)));

        assertThat(resumed).containsExactlyElementsOf(straight.extractOutputValues());
        List<String> straightMetrics = metrics(straight).stream().map(EnsembleOperatorTest::full).toList();
        assertThat(resumedMetrics).containsExactlyElementsOf(straightMetrics);
        assertThat(straightMetrics).anyMatch(m -> m.contains("lms-pick[fifth]"));
    }
}
