package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * Tsallis-INF-CB (Khodak et al., {@code TsallisINFCB.m}): the scalar context {@code c = context[0]} is mapped to
 * the nearest of {@code m} bin centres {@code h_j = lo + (hi - lo)(j + 1/2)/m}, j = 0..m-1 (ties to the lower
 * index; contexts outside [lo, hi] go to the end bins), and each bin runs an independent anytime
 * {@link TsallisInf} with its own t, k and running cost scale.
 *
 * <p>Parameters: {@code bins} (m, default 5), {@code lo} (default 0), {@code hi} (default 1), {@code offset}
 * (default 1), {@code newtonSteps} (default 0 = exact normaliser; N > 0 = the authors' N Newton steps from x = -1
 * with unnormalised importance weights, see {@link TsallisInf}).
 */
public final class TsallisInfBinned extends PolicyBase implements ContextualBanditPolicy {
    public static final String KIND = "tsallis-inf-cb";
    static final int STATE_VERSION = 2;

    private final int bins;
    private final double lo;
    private final double hi;
    private final double offset;
    private final int newtonSteps;
    /** bins x n, row-major. */
    private final double[] k;
    private final double[] sumCost;
    private final long[] binSteps;
    private final RestorableUniformRandomProvider rng;

    private final transient double[] p;
    private final transient double[] scratch;

    public static TsallisInfBinned create(PolicySpec spec) {
        int bins = spec.intParam("bins", 5);
        double lo = spec.param("lo", 0);
        double hi = spec.param("hi", 1);
        double offset = spec.param("offset", TsallisInf.DEFAULT_OFFSET);
        if (bins < 1 || bins > 1 << 16) throw new IllegalArgumentException(KIND + ": bins must be in [1, 65536], got " + bins);
        if (!(hi > lo) || !Double.isFinite(hi - lo)) throw new IllegalArgumentException(KIND + ": need finite lo < hi, got [" + lo + ", " + hi + "]");
        if (!Double.isFinite(offset)) throw new IllegalArgumentException(KIND + ": offset must be finite, got " + offset);
        int newtonSteps = TsallisInf.newtonSteps(KIND, spec);
        int n = spec.size;
        return new TsallisInfBinned(n, bins, lo, hi, offset, newtonSteps, new double[bins * n], new double[bins], new long[bins], 0,
                PolicyIO.rng(spec.seed));
    }

    private TsallisInfBinned(int n, int bins, double lo, double hi, double offset, int newtonSteps, double[] k, double[] sumCost,
                             long[] binSteps, long steps, RestorableUniformRandomProvider rng) {
        super(KIND, n, steps);
        this.bins = bins;
        this.lo = lo;
        this.hi = hi;
        this.offset = offset;
        this.newtonSteps = newtonSteps;
        this.k = k;
        this.sumCost = sumCost;
        this.binSteps = binSteps;
        this.rng = rng;
        this.p = new double[n];
        this.scratch = new double[n];
    }

    @Override
    public int contextDim() {
        return 1;
    }

    /** The bin of scalar context {@code c}: nearest centre, ties to the lower index. */
    public int bin(double c) {
        if (!Double.isFinite(c)) throw new IllegalArgumentException(KIND + ": context must be finite, got " + c);
        // in units of the bin width centre j sits at j + 1/2, so pos in (j, j+1] is nearest to centre j,
        // and the tie pos = j + 1 (midway between centres j and j+1) goes to the lower index j
        double pos = (c - lo) / (hi - lo) * bins;
        int j = (int) Math.max(-1, Math.min(bins, Math.ceil(pos - 1.0)));
        return Math.max(0, Math.min(bins - 1, j));
    }

    /** Number of updates bin {@code j} has seen. */
    public long binSteps(int j) {
        return binSteps[j];
    }

    @Override
    public void probabilities(double[] context, double[] out) {
        int b = bin(context[0]);
        if (newtonSteps > 0) TsallisCore.authorsProbabilities(k, b * n, n, binSteps[b], sumCost[b], offset, newtonSteps, out);
        else TsallisCore.probabilities(k, b * n, n, binSteps[b], sumCost[b], offset, out, scratch);
    }

    @Override
    public int pick(double[] context) {
        probabilities(context, p);
        return PolicyIO.draw(p, n, rng.nextDouble());
    }

    @Override
    public void update(double[] context, int arm, double cost, double probability) {
        PolicyIO.checkBandit(KIND, n, arm, cost, probability);
        int b = bin(context[0]);
        if (newtonSteps > 0) {
            TsallisCore.authorsUpdate(k, b * n, n, binSteps[b], sumCost[b], offset, newtonSteps, arm, cost, scratch);
        } else {
            TsallisCore.update(k, b * n, n, arm, cost, offset, probability);
        }
        sumCost[b] = PolicyIO.clamp(sumCost[b] + cost);
        binSteps[b]++;
        steps++;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeInt(bins);
        out.writeDouble(lo);
        out.writeDouble(hi);
        out.writeDouble(offset);
        out.writeInt(newtonSteps);
        out.writeLong(steps);
        PolicyIO.writeLongs(out, binSteps);
        PolicyIO.writeDoubles(out, sumCost);
        PolicyIO.writeDoubles(out, k);
        PolicyIO.writeRng(out, rng);
    }

    public static TsallisInfBinned read(DataInput in) throws IOException {
        int version = PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 24);
        int bins = PolicyIO.readSize(in, KIND, 1 << 16);
        double lo = in.readDouble();
        double hi = in.readDouble();
        double offset = in.readDouble();
        int newtonSteps = version >= 2 ? TsallisInf.readNewtonSteps(in, KIND) : 0; // version 1: always the exact solve
        long steps = in.readLong();
        long[] binSteps = PolicyIO.readLongs(in, bins);
        double[] sumCost = PolicyIO.readDoubles(in, bins);
        double[] k = PolicyIO.readDoubles(in, bins * n);
        return new TsallisInfBinned(n, bins, lo, hi, offset, newtonSteps, k, sumCost, binSteps, steps, PolicyIO.readRng(in));
    }
}
