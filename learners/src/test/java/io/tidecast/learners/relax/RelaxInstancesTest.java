package io.tidecast.learners.relax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelaxInstancesTest {

    @Test
    void shiftsFollowThePublishedBetaSettingsAndTargetsAreTruncated() {
        for (ShiftSetting s : ShiftSetting.values()) {
            RelaxInstances gen = new RelaxInstances(s, 11);
            int n = 4000;
            double sum = 0, sq = 0;
            for (int t = 0; t < n; t++) {
                RelaxInstances.Instance in = gen.instance(0, t);
                assertThat(in.c()).isBetween(-0.15, 0.45);
                double nb = 0;
                for (double v : in.b()) nb += v * v;
                assertThat(nb).isLessThanOrEqualTo(100.0);
                assertThat(in.a().size()).isEqualTo(100);
                assertThat(in.a().diagonal(37)).isEqualTo(4 + in.c());
                sum += in.c();
                sq += in.c() * in.c();
            }
            double mean = sum / n, var = sq / n - mean * mean;
            double a = s.alpha, b = s.beta;
            double bm = a / (a + b), bv = a * b / ((a + b) * (a + b) * (a + b + 1));
            assertThat(mean).as("%s mean", s).isCloseTo(-0.15 + 0.6 * bm, within(0.01));
            assertThat(var).as("%s variance", s).isCloseTo(0.36 * bv, within(0.1 * 0.36 * bv));
        }
    }

    @Test
    void anInstanceIsAPureFunctionOfSeedTrialAndIndex() {
        RelaxInstances a = new RelaxInstances(ShiftSetting.LOW, 5);
        RelaxInstances b = new RelaxInstances(ShiftSetting.LOW, 5);
        assertThat(b.instance(3, 17).b()).containsExactly(a.instance(3, 17).b());
        assertThat(b.instance(3, 17).c()).isEqualTo(a.instance(3, 17).c());
        assertThat(a.instance(3, 18).c()).isNotEqualTo(a.instance(3, 17).c());
        assertThat(a.instance(4, 17).c()).isNotEqualTo(a.instance(3, 17).c());
        assertThat(new RelaxInstances(ShiftSetting.LOW, 6).instance(3, 17).c()).isNotEqualTo(a.instance(3, 17).c());
    }
}
