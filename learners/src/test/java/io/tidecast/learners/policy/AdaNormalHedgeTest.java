package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AdaNormalHedgeTest {

    /** Independent (direct, non-log-space) form of the reference weight: (Phi(R+1, C+1) - Phi(R-1, C+1)) / 2. */
    static double w(double r, double c) {
        double a = Math.max(r + 1, 0);
        double b = Math.max(r - 1, 0);
        return 0.5 * (Math.exp(a * a / (3 * (c + 1))) - Math.exp(b * b / (3 * (c + 1))));
    }

    static double[] normalise(double... v) {
        double s = Arrays.stream(v).sum();
        return Arrays.stream(v).map(x -> x / s).toArray();
    }

    @Test
    void handCheckedSequence() {
        AdaNormalHedge h = new AdaNormalHedge(3);
        double[] p = new double[3];

        // round 1: R = C = 0, every weight (e^{1/3} - 1)/2, so uniform through the normal rule
        h.weights(p);
        assertThat(p).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
        assertThat(Math.exp(AdaNormalHedge.logWeight(0, 0))).isCloseTo(0.5 * (Math.exp(1.0 / 3) - 1), within(1e-15));
        h.update(new double[] {0, 1, 0.5});
        // l^ = 0.5; r = (0.5, -0.5, 0): R = (0.5, -0.5, 0), C = (0.5, 0.5, 0)
        assertThat(h.regrets()).containsExactly(0.5, -0.5, 0);
        assertThat(h.absRegrets()).containsExactly(0.5, 0.5, 0);

        // round 2 weights by hand: w0 = (e^{2.25/4.5} - 1)/2 = (e^0.5 - 1)/2, w1 = (e^{0.25/4.5} - 1)/2, w2 = (e^{1/3} - 1)/2
        double w0 = (Math.exp(0.5) - 1) / 2;
        double w1 = (Math.exp(1.0 / 18) - 1) / 2;
        double w2 = (Math.exp(1.0 / 3) - 1) / 2;
        assertThat(w0).isCloseTo(0.3243606353500641, within(1e-15));
        h.weights(p);
        assertThat(p).containsExactly(normalise(w0, w1, w2), within(1e-15));
        assertThat(p).containsExactly(new double[] {0.58897, 0.05187, 0.35917}, within(1e-5));

        // round 3 with expert 2 asleep (its loss is NaN and must not be read)
        boolean[] awake = {true, true, false};
        h.weights(awake, p);
        double[] q = normalise(w0, w1);
        assertThat(p).containsExactly(new double[] {q[0], q[1], 0}, within(1e-15));
        h.update(new double[] {1, 0, Double.NaN}, awake);
        double lhat = q[0];
        double[] r = {0.5 + (lhat - 1), -0.5 + lhat, 0};
        double[] c = {0.5 + Math.abs(lhat - 1), 0.5 + lhat, 0};
        assertThat(h.regrets()).containsExactly(r, within(1e-15));
        assertThat(h.absRegrets()).containsExactly(c, within(1e-15));

        // round 4, all awake: independent formula
        h.weights(p);
        assertThat(p).containsExactly(normalise(w(r[0], c[0]), w(r[1], c[1]), w(r[2], c[2])), within(1e-14));
    }

    @Test
    void logWeightMatchesTheDirectFormula() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double c = rnd.nextDouble() * 200;
            double r = (2 * rnd.nextDouble() - 1) * c;
            double direct = w(r, c);
            double viaLog = Math.exp(AdaNormalHedge.logWeight(r, c));
            // the direct difference of exponentials cancels: it is only good to a few ulp of exp(A)
            double a = Math.max(r + 1, 0);
            double big = Math.exp(a * a / (3 * (c + 1)));
            assertThat(viaLog).isCloseTo(direct, within(1e-12 * direct + 4 * Math.ulp(big)));
        }
        assertThat(AdaNormalHedge.logWeight(-1, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(AdaNormalHedge.logWeight(-30, 40)).isEqualTo(Double.NEGATIVE_INFINITY);
        // where exp(R^2 / 3C) itself overflows the log form is still finite
        assertThat(AdaNormalHedge.logWeight(1e5, 1e5)).isFinite().isGreaterThan(3e4);
    }

    @Test
    void asleepExpertsCountersDoNotMove() {
        AdaNormalHedge h = new AdaNormalHedge(4);
        SplittableRandom rnd = new SplittableRandom(9);
        double[] losses = new double[4];
        for (int t = 0; t < 2000; t++) {
            boolean[] awake = {true, t % 2 == 0, t % 3 != 0, t < 1000};
            double[] r0 = h.regrets();
            double[] c0 = h.absRegrets();
            for (int i = 0; i < 4; i++) losses[i] = awake[i] ? rnd.nextDouble() : Double.NaN;
            h.update(losses, awake);
            double[] r1 = h.regrets();
            double[] c1 = h.absRegrets();
            for (int i = 0; i < 4; i++) {
                if (!awake[i]) {
                    assertThat(r1[i]).isEqualTo(r0[i]);
                    assertThat(c1[i]).isEqualTo(c0[i]);
                } else {
                    assertThat(c1[i] - c0[i]).isCloseTo(Math.abs(r1[i] - r0[i]), within(1e-9));
                }
            }
        }
        assertThat(h.steps()).isEqualTo(2000);
    }

    @Test
    void noExpertAwakeGivesUniformAndChangesNothing() {
        AdaNormalHedge h = new AdaNormalHedge(3);
        h.update(new double[] {0, 1, 1});
        double[] r = h.regrets();
        boolean[] none = new boolean[3];
        double[] p = new double[3];
        h.weights(none, p);
        assertThat(p).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
        h.update(new double[] {Double.NaN, Double.NaN, Double.NaN}, none);
        assertThat(h.regrets()).containsExactly(r);
    }

    @Test
    void allAwakeWeightsZeroFallsBackToUniformOverAwake() {
        double[] out = new double[4];
        double ninf = Double.NEGATIVE_INFINITY;
        PolicyIO.softmax(new double[] {ninf, ninf, 0.5, ninf}, new boolean[] {true, true, false, true}, 4, out);
        assertThat(out).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 0, 1.0 / 3}, within(1e-15));
    }

    /** Long stream where exp(R^2/3C) would overflow after ~2,100 rounds: the best expert takes over, finite throughout. */
    @Test
    void longStreamsStayFiniteAndFindTheBestExpert() {
        AdaNormalHedge h = new AdaNormalHedge(3);
        double[] p = new double[3];
        RegretTracker tr = new RegretTracker(3);
        SplittableRandom rnd = new SplittableRandom(1);
        double[] l = new double[3];
        int T = 100_000;
        for (int t = 0; t < T; t++) {
            l[0] = 0.4 * rnd.nextDouble();
            l[1] = 0.2 + 0.4 * rnd.nextDouble();
            l[2] = rnd.nextDouble();
            h.weights(p);
            tr.record(p, l);
            h.update(l);
        }
        h.weights(p);
        assertThat(p[0]).isGreaterThan(0.99);
        // AdaNormalHedge: regret O(sqrt(T ln(N ln T))) for losses in [0,1]; a loose constant
        assertThat(tr.regret()).isLessThan(3 * Math.sqrt(T * Math.log(3 * Math.log(T))));
    }
}
