package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * AdaNormalHedge (Luo &amp; Schapire 2015), parameter-free, with sleeping experts and a uniform prior, exactly as
 * the groupwise-regret code ({@code Anh.py}) runs it:
 * <pre>
 *   Phi(R, C) = exp([R]+^2 / (3C))
 *   w(R, C)   = (Phi(R+1, C+1) - Phi(R-1, C+1)) / 2
 *   p_i       = a_i w(R_i, C_i) / sum_j a_j w(R_j, C_j)      (a = awake mask)
 *   l^        = sum_i p_i l_i                                  (the policy's expected loss)
 *   r_i = a_i (l^ - l_i);   R_i += r_i;   C_i += |r_i|          (asleep experts' counters do not move)
 * </pre>
 * If no expert is awake the weights are uniform over all; if every awake weight is 0 (all {@code R <= -1}) they
 * are uniform over the awake ones. Losses are meant to lie in [0, 1].
 *
 * <p>Log space: {@code log w = log(1/2) + A + log(-expm1(B - A))} with {@code A = [R+1]+^2/(3(C+1))} and
 * {@code B = [R-1]+^2/(3(C+1))}; since {@code |R| <= C}, A grows like C/3 and {@code exp(A)} itself would
 * overflow after about 2,100 rounds.
 */
public final class AdaNormalHedge extends PolicyBase implements ExpertPolicy {
    public static final String KIND = "adanormalhedge";
    static final int STATE_VERSION = 1;

    private final double[] r;
    private final double[] c;

    private final transient double[] w;
    private final transient double[] score;

    public static AdaNormalHedge create(PolicySpec spec) {
        return new AdaNormalHedge(spec.size);
    }

    public AdaNormalHedge(int n) {
        this(n, new double[n], new double[n], 0);
    }

    private AdaNormalHedge(int n, double[] r, double[] c, long steps) {
        super(KIND, n, steps);
        this.r = r;
        this.c = c;
        this.w = new double[n];
        this.score = new double[n];
    }

    /** {@code log w(R, C)}; -Infinity when the weight is 0 ({@code R <= -1}). */
    public static double logWeight(double R, double C) {
        double a = Math.max(R + 1, 0);
        double b = Math.max(R - 1, 0);
        a = a * a / (3 * (C + 1));
        b = b * b / (3 * (C + 1));
        if (!(a > b)) return Double.NEGATIVE_INFINITY;
        return Math.log(0.5) + a + Math.log(-Math.expm1(b - a));
    }

    /**
     * A copy with {@code size} experts: the first {@link #size()} keep their counters, the new ones start at
     * R = C = 0, which is exactly the state of a sleeping expert that has never been awake (a group first seen now).
     */
    public AdaNormalHedge grow(int size) {
        if (size < n) throw new IllegalArgumentException(KIND + ": cannot shrink from " + n + " to " + size + " experts");
        return new AdaNormalHedge(size, java.util.Arrays.copyOf(r, size), java.util.Arrays.copyOf(c, size), steps);
    }

    /** Cumulative instantaneous regrets R_i. */
    public double[] regrets() {
        return r.clone();
    }

    /** Cumulative absolute instantaneous regrets C_i. */
    public double[] absRegrets() {
        return c.clone();
    }

    @Override
    public void weights(boolean[] awake, double[] out) {
        for (int i = 0; i < n; i++) score[i] = logWeight(r[i], c[i]);
        PolicyIO.softmax(score, awake, n, out);
    }

    @Override
    public void update(double[] losses, boolean[] awake) {
        weights(awake, w);
        double mine = 0;
        for (int i = 0; i < n; i++) {
            if (awake == null || awake[i]) {
                if (!Double.isFinite(losses[i])) throw new IllegalArgumentException(KIND + ": loss of expert " + i + " is " + losses[i]);
                mine += w[i] * losses[i];
            }
        }
        for (int i = 0; i < n; i++) {
            if (awake == null || awake[i]) {
                double ri = mine - losses[i];
                r[i] = PolicyIO.clamp(r[i] + ri);
                c[i] = PolicyIO.clamp(c[i] + Math.abs(ri));
            }
        }
        steps++;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeLong(steps);
        PolicyIO.writeDoubles(out, r);
        PolicyIO.writeDoubles(out, c);
    }

    public static AdaNormalHedge read(DataInput in) throws IOException {
        PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 24);
        long steps = in.readLong();
        double[] r = PolicyIO.readDoubles(in, n);
        double[] c = PolicyIO.readDoubles(in, n);
        return new AdaNormalHedge(n, r, c, steps);
    }
}
