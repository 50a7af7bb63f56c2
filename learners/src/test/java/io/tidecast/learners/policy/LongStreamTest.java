package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Log-space weights on very long streams: with a fixed, large learning rate the plain weights exp(-eta L) of every
 * expert underflow to 0 within a few thousand rounds (and exp(+...) forms overflow), which makes a naive
 * normalisation 0/0 = NaN. Over a million rounds with a switch of the best expert after a quarter, every policy keeps
 * a valid distribution, and the full-information ones move to the new best expert.
 */
class LongStreamTest {
    static final int T = 1_000_000;
    static final int SWITCH = T / 4;

    /** Expert 0 is best in the first quarter, expert 4 afterwards (and so in hindsight); losses in [0, 1]. */
    static void losses(SplittableRandom r, int t, double[] l) {
        for (int i = 0; i < l.length; i++) l[i] = 0.5 + 0.5 * r.nextDouble();
        l[t < SWITCH ? 0 : l.length - 1] = 0.1 * r.nextDouble();
    }

    static void assertDistribution(double[] p) {
        double s = 0;
        for (double v : p) {
            assertThat(v).isBetween(0.0, 1.0);
            s += v;
        }
        assertThat(s).isBetween(1 - 1e-12, 1 + 1e-12);
    }

    @Test
    void expertPoliciesStayFiniteAndFollowTheSwitch() {
        for (ExpertPolicy p : new ExpertPolicy[] {new Hedge(5, 1.0), new Hedge(5, 0), new AdaNormalHedge(5)}) {
            SplittableRandom r = new SplittableRandom(11);
            double[] l = new double[5];
            double[] w = new double[5];
            for (int t = 0; t < T; t++) {
                losses(r, t, l);
                p.update(l);
                if (t == SWITCH - 1) {
                    p.weights(w);
                    assertDistribution(w);
                    assertThat(w[0]).as("%s before the switch", p.kind()).isGreaterThan(0.99);
                }
            }
            p.weights(w);
            assertDistribution(w);
            assertThat(w[4]).as("%s after the switch", p.kind()).isGreaterThan(0.99);
            assertThat(p.steps()).isEqualTo(T);
        }
    }

    @Test
    void banditPoliciesStayValidAndPlayTheNewBestArm() {
        for (String kind : new String[] {"exp3", "tsallis-inf"}) {
            // EXP3 with a fixed rate and exploration (so it can notice the switch); Tsallis-INF is anytime, costs offset 0
            Map<String, Double> params = kind.equals("exp3") ? Map.of("eta", 0.05, "gamma", 0.01) : Map.of("offset", 0.0);
            BanditPolicy p = Policies.createBandit(new PolicySpec(kind, 5, 3, params));
            SplittableRandom r = new SplittableRandom(12);
            double[] l = new double[5];
            double[] q = new double[5];
            long playedBestLate = 0;
            for (int t = 0; t < T; t++) {
                losses(r, t, l);
                p.probabilities(q);
                int arm = p.pick();
                if (t >= T - 100_000 && arm == 4) playedBestLate++;
                p.update(arm, l[arm], q[arm]);
            }
            p.probabilities(q);
            assertDistribution(q);
            assertThat(playedBestLate).as(kind).isGreaterThan(90_000);
        }
    }
}
