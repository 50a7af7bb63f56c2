package io.tidecast.learners.relax;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The published instance generator (Khodak et al., App. G; {@code scripts/contextual.m}): A_t = A + c_t I with A the
 * 5-point Laplacian on a 10 x 10 interior grid (n = 100), c_t = -0.15 + 0.6 Beta(alpha, beta), and
 * b_t ~ N(0, I_n) redrawn until ||b_t|| &lt;= sqrt(n) (radially truncated Gaussian).
 *
 * <p>Instance (trial, t) is a pure function of (seed, trial, t): its own Commons RNG stream is seeded from a mix of
 * the three, so trials can run in any order, in parallel or in a stream, and give the same instances.
 */
public final class RelaxInstances {
    public static final int GRID = 10;

    private final ShiftSetting setting;
    private final long seed;
    private final SparseSystem base;
    private final double baseJacobi;

    public RelaxInstances(ShiftSetting setting, long seed) {
        this.setting = setting;
        this.seed = seed;
        this.base = SparseSystem.laplacian2d(GRID);
        this.baseJacobi = Young.jacobiRadius(base);
    }

    /** One instance: its shift c (the context), the shifted matrix, b and the exact Jacobi radius. */
    public record Instance(int trial, int t, double c, SparseSystem a, double[] b, double jacobi) {}

    public Instance instance(int trial, int t) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(mix(seed, trial, t));
        double c = ShiftSetting.C_MIN + ShiftSetting.C_SPAN * ChengBetaSampler.of(rng, setting.alpha, setting.beta).sample();
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = base.n;
        double[] b = new double[n];
        double norm2;
        do {
            norm2 = 0;
            for (int i = 0; i < n; i++) {
                b[i] = gauss.sample();
                norm2 += b[i] * b[i];
            }
        } while (norm2 > n);
        try {
            // D = 4 I for every row, so I - (D + cI)^-1 (A + cI) = (4 / (4 + c)) (I - D^-1 A): the radius scales exactly
            return new Instance(trial, t, c, base.shifted(c), b, baseJacobi * 4 / (4 + c));
        } catch (InvalidSystemException e) {
            throw new IllegalStateException("shift " + c + " is outside the published support", e);
        }
    }

    public ShiftSetting setting() {
        return setting;
    }

    public long seed() {
        return seed;
    }

    /** A 64-bit seed from (seed, trial, t): SplitMix64 finalisers chained, so nearby triples get unrelated streams. */
    static long mix(long seed, long trial, long t) {
        long h = splitmix(seed);
        h = splitmix(h ^ splitmix(trial + 0x632BE59BD9B4E019L));
        return splitmix(h ^ splitmix(t + 0x9E3779B97F4A7C15L));
    }

    private static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
