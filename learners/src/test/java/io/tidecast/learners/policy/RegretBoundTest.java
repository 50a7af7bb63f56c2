package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

/**
 * Regret of Hedge and EXP3 on adversarial and stochastic loss sequences (losses in [0, 1], fixed seeds), against
 * the theoretical bounds of the learning-rate rules the classes implement:
 * <ul>
 *   <li>Hedge, anytime eta_t = sqrt(8 ln N / t): regret &lt;= 2 sqrt(T ln N / 2) + sqrt(ln N / 8)
 *       (Cesa-Bianchi &amp; Lugosi 2006, Thm 2.3); fixed eta = sqrt(8 ln N / T): &lt;= sqrt(T ln N / 2) (Thm 2.2);</li>
 *   <li>EXP3, anytime eta_t = sqrt(ln N / (t N)), gamma = 0: pseudo-regret &lt;= 2 sqrt(T N ln N); fixed
 *       eta = sqrt(2 ln N / (T N)): &lt;= sqrt(2 T N ln N) (Bubeck &amp; Cesa-Bianchi 2012, Thm 3.1). The pseudo-regret
 *       is measured as sum_t &lt;p_t, l_t&gt; - min_i sum_t l_{t,i} on one seeded run.</li>
 * </ul>
 */
class RegretBoundTest {
    static final int T = 20_000;

    /** A loss sequence: fills the losses of round t. */
    interface Sequence extends BiConsumer<Integer, double[]> {}

    /** FTL's worst case: 1/2 then alternating 0/1 against 1/0; the other experts always lose 1. */
    static Sequence alternating() {
        return (t, l) -> {
            java.util.Arrays.fill(l, 1);
            if (t == 0) {
                l[0] = 0.5;
                l[1] = 0;
            } else {
                l[0] = t % 2 == 0 ? 0 : 1;
                l[1] = 1 - l[0];
            }
        };
    }

    /** Five blocks; in block j expert j has loss 0 and all others 1, so the best expert switches four times. */
    static Sequence switching() {
        return (t, l) -> {
            java.util.Arrays.fill(l, 1);
            l[Math.min(4, t / (T / 5))] = 0;
        };
    }

    /** Bernoulli losses, expert 3 has mean 0.4, the others 0.5. */
    static Sequence stochastic(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return (t, l) -> {
            for (int i = 0; i < l.length; i++) l[i] = r.nextDouble() < (i == 3 ? 0.4 : 0.5) ? 1 : 0;
        };
    }

    /** Uniform losses in [0, 1] with a drifting best expert: mean 0.5 + 0.3 sin(2 pi (t/T + i/N)). */
    static Sequence drifting(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return (t, l) -> {
            for (int i = 0; i < l.length; i++) {
                double m = 0.5 + 0.3 * Math.sin(2 * Math.PI * ((double) t / T + (double) i / l.length));
                l[i] = Math.min(1, Math.max(0, m + 0.4 * (r.nextDouble() - 0.5)));
            }
        };
    }

    static RegretTracker runExperts(ExpertPolicy p, Sequence s) {
        int n = p.size();
        RegretTracker tr = new RegretTracker(n);
        double[] w = new double[n];
        double[] l = new double[n];
        for (int t = 0; t < T; t++) {
            s.accept(t, l);
            p.weights(w);
            tr.record(w, l);
            p.update(l);
        }
        return tr;
    }

    static RegretTracker runBandit(BanditPolicy p, Sequence s) {
        int n = p.size();
        RegretTracker tr = new RegretTracker(n);
        double[] q = new double[n];
        double[] l = new double[n];
        for (int t = 0; t < T; t++) {
            s.accept(t, l);
            p.probabilities(q);
            int arm = p.pick();
            tr.record(q, l, arm);
            p.update(arm, l[arm], q[arm]);
        }
        return tr;
    }

    static double hedgeAnytimeBound(int n) {
        return 2 * Math.sqrt(T * Math.log(n) / 2) + Math.sqrt(Math.log(n) / 8);
    }

    @Test
    void hedgeAnytimeStaysUnderItsBound() {
        Object[][] cases = {{2, alternating()}, {10, switching()}, {10, stochastic(1)}, {10, drifting(2)}};
        for (Object[] c : cases) {
            int n = (Integer) c[0];
            RegretTracker tr = runExperts(new Hedge(n, 0), (Sequence) c[1]);
            assertThat(tr.steps()).isEqualTo(T);
            assertThat(tr.regret()).as("hedge n=%d", n).isLessThanOrEqualTo(hedgeAnytimeBound(n));
            assertThat(tr.realisedLoss()).isEqualTo(tr.expectedLoss());
        }
    }

    @Test
    void hedgeFixedRateStaysUnderItsBound() {
        for (Object[] c : new Object[][] {{2, alternating()}, {10, switching()}, {10, stochastic(3)}}) {
            int n = (Integer) c[0];
            double eta = Math.sqrt(8 * Math.log(n) / T);
            RegretTracker tr = runExperts(new Hedge(n, eta), (Sequence) c[1]);
            assertThat(tr.regret()).as("hedge fixed n=%d", n).isLessThanOrEqualTo(Math.sqrt(T * Math.log(n) / 2));
        }
    }

    @Test
    void hedgeLearnsTheStochasticBestExpert() {
        Hedge h = new Hedge(10, 0);
        RegretTracker tr = runExperts(h, stochastic(4));
        double[] w = new double[10];
        h.weights(w);
        assertThat(w[3]).isGreaterThan(0.99);
        assertThat(tr.bestExpert()).isEqualTo(3);
        assertThat(h.eta()).isCloseTo(Math.sqrt(8 * Math.log(10) / (T + 1)), within(1e-15));
    }

    @Test
    void exp3AnytimeStaysUnderItsBound() {
        int n = 5;
        double bound = 2 * Math.sqrt((double) T * n * Math.log(n));
        Sequence[] seqs = {alternating(), switching(), stochastic(5), drifting(6)};
        for (int k = 0; k < seqs.length; k++) {
            BanditPolicy p = Policies.createBandit(new PolicySpec("exp3", n, 100 + k, Map.of()));
            RegretTracker tr = runBandit(p, seqs[k]);
            assertThat(tr.regret()).as("exp3 sequence %d", k).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void exp3FixedRateStaysUnderItsBound() {
        int n = 5;
        double eta = Math.sqrt(2 * Math.log(n) / ((double) T * n));
        double bound = Math.sqrt(2.0 * T * n * Math.log(n));
        Sequence[] seqs = {alternating(), switching(), stochastic(7)};
        for (int k = 0; k < seqs.length; k++) {
            BanditPolicy p = Policies.createBandit(new PolicySpec("exp3", n, 200 + k, Map.of("eta", eta)));
            RegretTracker tr = runBandit(p, seqs[k]);
            assertThat(tr.regret()).as("exp3 fixed sequence %d", k).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void exp3WithExplorationKeepsAFloorAndLearns() {
        int n = 5;
        BanditPolicy p = Policies.createBandit(new PolicySpec("exp3", n, 9, Map.of("gamma", 0.05)));
        RegretTracker tr = runBandit(p, stochastic(8));
        double[] q = new double[n];
        p.probabilities(q);
        for (double v : q) assertThat(v).isGreaterThanOrEqualTo(0.05 / n - 1e-15);
        assertThat(q[3]).isGreaterThan(0.5);
        assertThat(tr.regretPerStep()).isLessThan(0.05);
    }

    /** Costs depend on a scalar context; the contextual policies beat the best fixed arm. */
    @Test
    void contextualPoliciesBeatTheBestFixedArm() {
        int n = 5;
        for (String kind : new String[] {"squarecb", "tsallis-inf-cb"}) {
            ContextualBanditPolicy p = Policies.createContextual(new PolicySpec(kind, n, 13, Map.of()));
            SplittableRandom env = new SplittableRandom(21);
            RegretTracker tr = new RegretTracker(n);
            double[] q = new double[n];
            double[] cost = new double[n];
            double[] ctx = new double[1];
            double late = 0;
            int steps = 10_000;
            for (int t = 0; t < steps; t++) {
                ctx[0] = env.nextDouble();
                for (int i = 0; i < n; i++) cost[i] = 1 + Math.abs(ctx[0] - i / 4.0) + 0.05 * env.nextDouble();
                p.probabilities(ctx, q);
                int arm = p.pick(ctx);
                tr.record(q, cost, arm);
                if (t >= steps / 2) {
                    for (int i = 0; i < n; i++) late += q[i] * cost[i];
                }
                p.update(ctx, arm, cost[arm], q[arm]);
            }
            assertThat(tr.regret()).as(kind).isNegative();
            // per-context optimum is about 1 + 1/16 + 0.025; the best fixed arm about 1.27
            assertThat(late / (steps / 2)).as(kind).isLessThan(1.2);
        }
    }
}
