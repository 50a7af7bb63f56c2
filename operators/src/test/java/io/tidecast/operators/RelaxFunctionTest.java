package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.relax.RelaxInstances;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import io.tidecast.learners.relax.Sor;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.records.RelaxResult;
import io.tidecast.records.RelaxSystem;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RelaxFunctionTest {
    static final List<RelaxPolicy> ALL = List.of(RelaxPolicy.values());
    static final RelaxInstances GEN = new RelaxInstances(ShiftSetting.HIGH, 3);

    static KeyedOneInputStreamOperatorTestHarness<String, RelaxSystem, RelaxResult> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RelaxFunction(RelaxFunction.Config.published(ALL, 3))),
                (RelaxSystem s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static RelaxSystem system(int trial, int t, boolean solution) {
        RelaxInstances.Instance in = GEN.instance(trial, t);
        SparseSystem.Csr c = in.a().toCsr();
        return new RelaxSystem(RelaxTrial.key(trial), t, in.c(), 100, c.rowPtr(), c.col(), c.val(), in.b(), in.jacobi(), solution);
    }

    static List<RelaxResult> results(KeyedOneInputStreamOperatorTestHarness<String, RelaxSystem, RelaxResult> h) {
        List<RelaxResult> out = new ArrayList<>();
        for (Object o : h.getOutput()) if (o instanceof StreamRecord<?> r) out.add((RelaxResult) r.getValue());
        return out;
    }

    @Test
    void eachKeyRunsItsOwnLearnerExactlyAsTheOfflineTrial() throws Exception {
        var h = harness();
        for (int t = 0; t < 25; t++) for (int trial = 0; trial < 2; trial++) h.processElement(new StreamRecord<>(system(trial, t, false)));
        List<RelaxResult> out = results(h);
        assertThat(out).hasSize(2 * 25 * 3);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        for (int trial = 0; trial < 2; trial++) {
            RelaxTrial.Result offline = RelaxTrial.run(GEN, trial, 25, ALL);
            String key = RelaxTrial.key(trial);
            List<RelaxResult> mine = out.stream().filter(r -> r.key.equals(key)).toList();
            for (RelaxResult r : mine) {
                int p = ALL.indexOf(RelaxPolicy.byId(r.policy));
                assertThat(r.cost).isEqualTo(offline.policy()[p][(int) r.seq]);
                assertThat(r.costStar).isEqualTo(offline.star()[(int) r.seq]);
                assertThat(r.grid[7]).isEqualTo(offline.grid()[7][(int) r.seq]);
                assertThat(r.x).isNull();
            }
        }
        h.close();
    }

    @Test
    void restoreFromASnapshotContinuesBitIdentically() throws Exception {
        var straight = harness();
        for (int t = 0; t < 20; t++) straight.processElement(new StreamRecord<>(system(0, t, false)));
        var first = harness();
        for (int t = 0; t < 10; t++) first.processElement(new StreamRecord<>(system(0, t, false)));
        OperatorSubtaskState snap = first.snapshot(1L, 1L);
        first.close();
        var second = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RelaxFunction(RelaxFunction.Config.published(ALL, 3))),
                (RelaxSystem s) -> s.key, Types.STRING);
        second.initializeState(snap);
        second.open();
        for (int t = 10; t < 20; t++) second.processElement(new StreamRecord<>(system(0, t, false)));
        List<RelaxResult> a = results(straight).subList(30, 60);
        List<RelaxResult> b = results(second);
        assertThat(b).hasSize(30);
        for (int i = 0; i < 30; i++) {
            assertThat(b.get(i).arm).isEqualTo(a.get(i).arm);
            assertThat(b.get(i).regretBestFixed).isEqualTo(a.get(i).regretBestFixed);
            assertThat(b.get(i).regretInstanceOptimal).isEqualTo(a.get(i).regretInstanceOptimal);
        }
        straight.close();
        second.close();
    }

    @Test
    void theSolutionComesBackForTheFirstPolicyWhenAskedAndSolvesTheSystem() throws Exception {
        var h = harness();
        RelaxSystem s = system(0, 0, true);
        h.processElement(new StreamRecord<>(s));
        List<RelaxResult> out = results(h);
        assertThat(out.get(0).x).hasSize(100);
        assertThat(out.get(1).x).isNull();
        SparseSystem a = SparseSystem.fromCsr(100, s.rowPtr, s.col, s.val);
        double[] ax = new double[100];
        a.multiply(out.get(0).x, ax);
        double res = 0, nb = 0;
        for (int i = 0; i < 100; i++) { res += (ax[i] - s.b[i]) * (ax[i] - s.b[i]); nb += s.b[i] * s.b[i]; }
        assertThat(Math.sqrt(res / nb)).isLessThanOrEqualTo(1e-8);
        // its cost is the iteration count reported for that omega
        assertThat(new Sor(100).iterations(a, s.b, out.get(0).omega, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP)).isEqualTo(out.get(0).cost);
        h.close();
    }

    @Test
    void aHandBuiltBadSystemIsRejectedAndAMissingRadiusComputed() throws Exception {
        var h = harness();
        RelaxSystem bad = system(0, 0, false);
        bad.b = new double[3];
        h.processElement(new StreamRecord<>(bad));
        RelaxSystem noRadius = system(0, 0, false);
        noRadius.jacobi = Double.NaN;
        h.processElement(new StreamRecord<>(noRadius));
        assertThat(h.getSideOutput(RelaxFunction.REJECTS)).hasSize(1);
        assertThat(h.getSideOutput(RelaxFunction.REJECTS).peek().getValue().reason).contains("dims mismatch");
        List<RelaxResult> out = results(h);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).omegaStar).isEqualTo(io.tidecast.learners.relax.Young.omega(system(0, 0, false).jacobi),
                org.assertj.core.api.Assertions.offset(1e-12));
        h.close();
    }

    @Test
    void idleKeysLoseTheirLearnersAfterTheTtl() throws Exception {
        var cfg = new RelaxFunction.Config(List.of(RelaxPolicy.CHEBCB), 3, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP, 1000);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RelaxFunction(cfg)), (RelaxSystem s) -> s.key, Types.STRING);
        h.open();
        h.setStateTtlProcessingTime(0);
        h.processElement(new StreamRecord<>(system(0, 0, false)));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.setStateTtlProcessingTime(5000);
        h.processElement(new StreamRecord<>(system(1, 0, false)));
        h.processElement(new StreamRecord<>(system(0, 1, false)));
        List<RelaxResult> out = results(h);
        RelaxResult again = out.get(out.size() - 1);
        assertThat(again.cumulativeCost).as("the expired key restarts its accounting").isEqualTo(again.cost);
        h.close();
    }
}
