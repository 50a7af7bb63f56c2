package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Hedge (exponentially weighted average forecaster) with an anytime learning rate, in log space.
 *
 * <p>Rule: in round {@code t = steps() + 1} the weights are {@code w_i ∝ exp(-eta_t L_i)} over the awake experts,
 * where {@code L_i} is the cumulative loss and {@code eta_t = sqrt(8 ln N / t)} (Cesa-Bianchi &amp; Lugosi 2006,
 * Thm 2.3: for losses in [0, 1] the regret after T rounds is at most {@code 2 sqrt(T ln N / 2) + sqrt(ln N / 8)}),
 * or a fixed {@code eta} if the parameter is given ({@code sqrt(8 ln N / T)} gives {@code sqrt(T ln N / 2)}).
 * The weights are a log-sum-exp softmax, and after every update {@code min_i L_i} is subtracted from all L
 * (weights are shift-invariant), so nothing overflows on long streams.
 *
 * <p>Sleeping experts (specialists, Freund et al. 1997): an asleep expert is charged the policy's own loss
 * {@code sum_awake w_i l_i} of that round, so its standing relative to the policy does not move.
 *
 * <p>Parameters: {@code eta} (fixed learning rate; absent or 0 = anytime schedule).
 */
public final class Hedge extends PolicyBase implements ExpertPolicy {
    public static final String KIND = "hedge";
    static final int STATE_VERSION = 1;

    private final double fixedEta;
    private final double[] cum;

    private final transient double[] w;
    private final transient double[] score;

    public static Hedge create(PolicySpec spec) {
        double eta = spec.param("eta", 0);
        if (!(eta >= 0) || Double.isInfinite(eta)) throw new IllegalArgumentException(KIND + ": eta must be >= 0 and finite, got " + eta);
        return new Hedge(spec.size, eta, new double[spec.size], 0);
    }

    public Hedge(int n, double fixedEta) {
        this(n, fixedEta, new double[n], 0);
    }

    private Hedge(int n, double fixedEta, double[] cum, long steps) {
        super(KIND, n, steps);
        this.fixedEta = fixedEta;
        this.cum = cum;
        this.w = new double[n];
        this.score = new double[n];
    }

    /** Learning rate used for the next round. */
    public double eta() {
        return fixedEta > 0 ? fixedEta : Math.sqrt(8 * Math.log(n) / (steps + 1.0));
    }

    /** Cumulative losses, shifted so that the smallest is 0. */
    public double[] cumulativeLosses() {
        return cum.clone();
    }

    @Override
    public void weights(boolean[] awake, double[] out) {
        double eta = eta();
        for (int i = 0; i < n; i++) score[i] = -eta * cum[i];
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
            cum[i] = PolicyIO.clamp(cum[i] + (awake == null || awake[i] ? losses[i] : mine));
        }
        double m = PolicyIO.min(cum, 0, n);
        for (int i = 0; i < n; i++) cum[i] -= m;
        steps++;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeDouble(fixedEta);
        out.writeLong(steps);
        PolicyIO.writeDoubles(out, cum);
    }

    public static Hedge read(DataInput in) throws IOException {
        PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 24);
        double eta = in.readDouble();
        long steps = in.readLong();
        return new Hedge(n, eta, PolicyIO.readDoubles(in, n), steps);
    }
}
