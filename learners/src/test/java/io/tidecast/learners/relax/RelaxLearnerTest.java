package io.tidecast.learners.relax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelaxLearnerTest {

    static byte[] bytes(RelaxLearner l) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        l.write(new DataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void snapshotRestoreContinuesBitIdenticallyAndStateDoesNotGrow() throws Exception {
        RelaxInstances gen = new RelaxInstances(ShiftSetting.LOW, 2);
        Sor sor = new Sor(100);
        List<CostTable> tables = new ArrayList<>();
        List<Double> ctx = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            RelaxInstances.Instance in = gen.instance(0, t);
            tables.add(CostTable.measure(in, sor));
            ctx.add(in.c());
        }
        RelaxLearner straight = RelaxLearner.create(List.of(RelaxPolicy.values()), 42);
        RelaxLearner resumed = RelaxLearner.create(List.of(RelaxPolicy.values()), 42);
        List<RelaxLearner.Outcome> a = new ArrayList<>();
        List<RelaxLearner.Outcome> b = new ArrayList<>();
        int size = -1;
        for (int t = 0; t < 60; t++) {
            a.addAll(straight.step(ctx.get(t), tables.get(t)));
            byte[] s = bytes(resumed);
            if (t > 0) assertThat(s.length).isEqualTo(size);
            size = s.length;
            resumed = RelaxLearner.read(new DataInputStream(new ByteArrayInputStream(s)));
            b.addAll(resumed.step(ctx.get(t), tables.get(t)));
        }
        assertThat(b).isEqualTo(a);
        // regrets are consistent with the cost table: vs omega* never below the per-instance lower bound
        RelaxLearner.Outcome last = a.get(a.size() - 1);
        double star = tables.stream().mapToInt(CostTable::star).sum();
        assertThat(last.regretInstanceOptimal()).isEqualTo(last.cumulativeCost() - star);
    }
}
