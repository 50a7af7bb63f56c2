package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * Tsallis-INF (1/2-Tsallis FTRL), the practical anytime variant of Khodak et al. (Learning to Relax,
 * {@code learners/TsallisINF.m} at HEAD):
 * <pre>
 *   t      = steps() + 1,  eta_t = 2 / sqrt(t)
 *   s      = mean(costs so far) - offset   (1 before the first update, and whenever it is not > 0)
 *   L      = k / s
 *   p_i    = 4 / (eta_t^2 (L_i - x)^2),  x &lt; min L such that sum p = 1     (see {@link TsallisCore})
 *   update: k[I] += (c - offset) / p_I
 * </pre>
 * {@code offset} is the known minimum cost (the reference's "-1": SOR needs at least one iteration); it is a
 * parameter, default 1 as in the reference; use 0 for losses in [0, 1]. k is shifted so that min k = 0 after
 * every update (the distribution only depends on differences of L), which keeps it bounded on long streams.
 *
 * <p>Normaliser. By default ({@code newtonSteps} = 0) it is solved to convergence by monotone Newton from the safe
 * side ({@code x0 = min L - 2/eta}) with a bisection fallback, k is shifted to min k = 0, and the importance weight is
 * the probability the caller passes. With {@code newtonSteps} = N > 0 it follows the authors' code exactly, for
 * reproducing their figures: N Newton steps from {@code x0 = -1} on the unshifted k ({@link TsallisCore#authorsNewton}),
 * sampling from the renormalised result, and importance weights with the <em>unnormalised</em> Newton p of the
 * played arm, recomputed from the state (which does not change between the draw and the update; the probability
 * the caller passes is only validated). From x0 = -1 Newton overshoots the pole at min L once L has grown, so this is
 * not the FTRL distribution; it is what the published experiments ran ({@code N = 20}).
 *
 * <p>Parameters: {@code offset} (default 1), {@code newtonSteps} (default 0 = exact).
 */
public final class TsallisInf extends PolicyBase implements BanditPolicy {
    public static final String KIND = "tsallis-inf";
    static final int STATE_VERSION = 2;
    public static final double DEFAULT_OFFSET = 1;

    private final double offset;
    private final int newtonSteps;
    private final double[] k;
    private double sumCost;
    private final RestorableUniformRandomProvider rng;

    private final transient double[] p;
    private final transient double[] scratch;

    public static TsallisInf create(PolicySpec spec) {
        double offset = spec.param("offset", DEFAULT_OFFSET);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException(KIND + ": offset must be finite, got " + offset);
        int newtonSteps = newtonSteps(KIND, spec);
        return new TsallisInf(spec.size, offset, newtonSteps, new double[spec.size], 0, 0, PolicyIO.rng(spec.seed));
    }

    static int newtonSteps(String kind, PolicySpec spec) {
        int steps = spec.intParam("newtonSteps", 0);
        if (steps < 0 || steps > 10_000) throw new IllegalArgumentException(kind + ": newtonSteps must be in [0, 10000], got " + steps);
        return steps;
    }

    private TsallisInf(int n, double offset, int newtonSteps, double[] k, double sumCost, long steps, RestorableUniformRandomProvider rng) {
        super(KIND, n, steps);
        this.offset = offset;
        this.newtonSteps = newtonSteps;
        this.k = k;
        this.sumCost = sumCost;
        this.rng = rng;
        this.p = new double[n];
        this.scratch = new double[n];
    }

    /** Learning rate of the next round, {@code 2 / sqrt(steps + 1)}. */
    public double eta() {
        return 2 / Math.sqrt(steps + 1.0);
    }

    /** The running cost scale s used by the next round. */
    public double scale() {
        return TsallisCore.scale(steps, sumCost, offset);
    }

    /**
     * The normaliser solve on its own: writes {@code p_i = 4 / (eta^2 (L_i - x)^2)}, renormalised, into {@code p}
     * and returns x. Works for any finite L, including spreads of 1e300 and below 1e-300.
     */
    public static double distribution(double[] L, double eta, double[] p) {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta must be > 0 and finite, got " + eta);
        return TsallisCore.solve(L, L.length, eta, p, new double[L.length]);
    }

    /** Fixed Newton steps of the authors' normaliser, or 0 for the exact solve. */
    public int newtonSteps() {
        return newtonSteps;
    }

    @Override
    public void probabilities(double[] out) {
        if (newtonSteps > 0) TsallisCore.authorsProbabilities(k, 0, n, steps, sumCost, offset, newtonSteps, out);
        else TsallisCore.probabilities(k, 0, n, steps, sumCost, offset, out, scratch);
    }

    @Override
    public int pick() {
        probabilities(p);
        return PolicyIO.draw(p, n, rng.nextDouble());
    }

    @Override
    public void update(int arm, double cost, double probability) {
        PolicyIO.checkBandit(KIND, n, arm, cost, probability);
        if (newtonSteps > 0) {
            TsallisCore.authorsUpdate(k, 0, n, steps, sumCost, offset, newtonSteps, arm, cost, scratch);
        } else {
            TsallisCore.update(k, 0, n, arm, cost, offset, probability);
        }
        sumCost = PolicyIO.clamp(sumCost + cost);
        steps++;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeDouble(offset);
        out.writeInt(newtonSteps);
        out.writeLong(steps);
        out.writeDouble(sumCost);
        PolicyIO.writeDoubles(out, k);
        PolicyIO.writeRng(out, rng);
    }

    public static TsallisInf read(DataInput in) throws IOException {
        int version = PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 24);
        double offset = in.readDouble();
        int newtonSteps = version >= 2 ? readNewtonSteps(in, KIND) : 0; // version 1: always the exact solve
        long steps = in.readLong();
        double sumCost = in.readDouble();
        double[] k = PolicyIO.readDoubles(in, n);
        return new TsallisInf(n, offset, newtonSteps, k, sumCost, steps, PolicyIO.readRng(in));
    }

    static int readNewtonSteps(DataInput in, String kind) throws IOException {
        int steps = in.readInt();
        if (steps < 0 || steps > 10_000) throw new IOException("'" + kind + "' state: corrupt newtonSteps " + steps);
        return steps;
    }
}
