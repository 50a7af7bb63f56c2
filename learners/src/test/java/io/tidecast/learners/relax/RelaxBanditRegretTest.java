package io.tidecast.learners.relax;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.policy.BanditPolicy;
import io.tidecast.learners.policy.ContextualBanditPolicy;
import io.tidecast.learners.policy.Policies;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bandits on a synthetic SOR-like cost table (d = 20 arms, T = 20,000, costs >= 1 shaped like iteration counts
 * around a context-dependent optimum) against the anytime Tsallis-INF bound of Khodak et al. (Thm B.2):
 * E regret &lt;= 4 K sqrt(d T) + 1 with K the range of (cost - 1). Measured as pseudo-regret (expected cost of the
 * played distribution) against the best fixed arm in hindsight; for the binned variant, per bin against that bin's
 * best arm, summed. A uniformly random policy breaks the bound, so the test can fail.
 */
class RelaxBanditRegretTest {
    static final int T = 20_000;
    static final int D = OmegaGrid.SIZE;

    /** Iterations-like cost of arm i at context c: a V-shaped valley around omega*(c), steeper above it as SOR's, noise of +-3 iterations. */
    static double[][] table(long seed, double[] ctx) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] cost = new double[T][D];
        for (int t = 0; t < T; t++) {
            double c = -0.15 + 0.6 * r.nextDouble() * r.nextDouble();
            ctx[t] = c;
            double star = Young.omega(4 * Math.cos(Math.PI / 11) / (4 + c));
            for (int i = 0; i < D; i++) {
                double w = OmegaGrid.omega(i);
                cost[t][i] = Math.round(40 + (w < star ? 300 * (star - w) : 450 * (w - star)) + 6 * r.nextDouble() - 3);
                cost[t][i] = Math.max(1, cost[t][i]);
            }
        }
        return cost;
    }

    static double range(double[][] cost) {
        double max = 0;
        for (double[] row : cost) for (double v : row) max = Math.max(max, v - 1);
        return max;
    }

    @Test
    void tsallisInfStaysWithinItsAnytimeBound() {
        double[] ctx = new double[T];
        double[][] cost = table(1, ctx);
        BanditPolicy p = Policies.createBandit(RelaxPolicy.TSALLIS_INF.spec(9));
        double[] q = new double[D];
        double expected = 0;
        double[] fixed = new double[D];
        for (int t = 0; t < T; t++) {
            p.probabilities(q);
            for (int i = 0; i < D; i++) {
                expected += q[i] * cost[t][i];
                fixed[i] += cost[t][i];
            }
            int arm = p.pick();
            p.update(arm, cost[t][arm], q[arm]);
        }
        double best = java.util.Arrays.stream(fixed).min().orElseThrow();
        double bound = 4 * range(cost) * Math.sqrt(D * T) + 1;
        double uniform = java.util.Arrays.stream(fixed).sum() / D - best;
        assertThat(uniform).as("the uniform policy violates the bound").isGreaterThan(bound);
        assertThat(expected - best).isLessThanOrEqualTo(bound);
        // and it learns: well under a tenth of the bound, and far under uniform
        assertThat(expected - best).isLessThan(0.1 * bound);
    }

    @Test
    void binnedTsallisInfStaysWithinTheSumOfItsPerBinBounds() {
        double[] ctx = new double[T];
        double[][] cost = table(2, ctx);
        ContextualBanditPolicy p = Policies.createContextual(RelaxPolicy.TSALLIS_INF_CB.spec(4));
        io.tidecast.learners.policy.TsallisInfBinned binned = (io.tidecast.learners.policy.TsallisInfBinned) p;
        double[] q = new double[D];
        double[] expected = new double[5];
        double[][] fixed = new double[5][D];
        int[] count = new int[5];
        for (int t = 0; t < T; t++) {
            double[] c = {ctx[t]};
            int b = binned.bin(ctx[t]);
            count[b]++;
            p.probabilities(c, q);
            for (int i = 0; i < D; i++) {
                expected[b] += q[i] * cost[t][i];
                fixed[b][i] += cost[t][i];
            }
            int arm = p.pick(c);
            p.update(c, arm, cost[t][arm], q[arm]);
        }
        double regret = 0, bound = 0;
        for (int b = 0; b < 5; b++) {
            if (count[b] == 0) continue;
            regret += expected[b] - java.util.Arrays.stream(fixed[b]).min().orElseThrow();
            bound += 4 * range(cost) * Math.sqrt((double) D * count[b]) + 1;
        }
        assertThat(regret).isLessThanOrEqualTo(bound);
        assertThat(regret).isLessThan(0.1 * bound);
    }

    @Test
    void chebCbBeatsTheBestFixedArmWhenTheOptimumMovesWithTheContext() {
        double[] ctx = new double[T];
        double[][] cost = table(3, ctx);
        ContextualBanditPolicy p = Policies.createContextual(RelaxPolicy.CHEBCB.spec(5));
        double[] q = new double[D];
        double expected = 0;
        double[] fixed = new double[D];
        for (int t = 0; t < T; t++) {
            double[] c = {ctx[t]};
            p.probabilities(c, q);
            for (int i = 0; i < D; i++) {
                expected += q[i] * cost[t][i];
                fixed[i] += cost[t][i];
            }
            int arm = p.pick(c);
            p.update(c, arm, cost[t][arm], q[arm]);
        }
        double best = java.util.Arrays.stream(fixed).min().orElseThrow();
        assertThat(expected).isLessThan(best);
    }
}
