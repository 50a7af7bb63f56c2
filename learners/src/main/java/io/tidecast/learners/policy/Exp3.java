package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * EXP3 for losses, in log space, with optional uniform exploration.
 *
 * <p>Rule: in round {@code t = steps() + 1}
 * <pre>
 *   q_i = exp(-eta_t Lhat_i) / sum_j exp(-eta_t Lhat_j)         (log-sum-exp softmax)
 *   p_i = (1 - gamma) q_i + gamma / N
 *   after playing arm I with probability p_I and cost c:  Lhat_I += c / p_I   (importance-weighted estimate)
 * </pre>
 * with the anytime rate {@code eta_t = sqrt(ln N / (t N))} (Bubeck &amp; Cesa-Bianchi 2012, Thm 3.1: for costs in
 * [0, 1] and gamma = 0 the pseudo-regret after T rounds is at most {@code 2 sqrt(T N ln N)}), or a fixed {@code eta}
 * ({@code sqrt(2 ln N / (T N))} gives {@code sqrt(2 T N ln N)}). After every update {@code min_i Lhat_i} is subtracted
 * from all estimates, and the estimates are capped at 1e300, so nothing overflows.
 *
 * <p>Parameters: {@code eta} (fixed learning rate; absent or 0 = anytime), {@code gamma} (exploration in [0, 1],
 * default 0).
 */
public final class Exp3 extends PolicyBase implements BanditPolicy {
    public static final String KIND = "exp3";
    static final int STATE_VERSION = 1;

    private final double fixedEta;
    private final double gamma;
    private final double[] est;
    private final RestorableUniformRandomProvider rng;

    private final transient double[] p;
    private final transient double[] score;

    public static Exp3 create(PolicySpec spec) {
        double eta = spec.param("eta", 0);
        double gamma = spec.param("gamma", 0);
        if (!(eta >= 0) || Double.isInfinite(eta)) throw new IllegalArgumentException(KIND + ": eta must be >= 0 and finite, got " + eta);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException(KIND + ": gamma must be in [0, 1], got " + gamma);
        return new Exp3(spec.size, eta, gamma, new double[spec.size], 0, PolicyIO.rng(spec.seed));
    }

    private Exp3(int n, double fixedEta, double gamma, double[] est, long steps, RestorableUniformRandomProvider rng) {
        super(KIND, n, steps);
        this.fixedEta = fixedEta;
        this.gamma = gamma;
        this.est = est;
        this.rng = rng;
        this.p = new double[n];
        this.score = new double[n];
    }

    /** Learning rate for the next round. */
    public double eta() {
        return fixedEta > 0 ? fixedEta : Math.sqrt(Math.log(n) / ((steps + 1.0) * n));
    }

    @Override
    public void probabilities(double[] out) {
        double eta = eta();
        for (int i = 0; i < n; i++) score[i] = -eta * est[i];
        PolicyIO.softmax(score, null, n, out);
        if (gamma > 0) {
            for (int i = 0; i < n; i++) out[i] = (1 - gamma) * out[i] + gamma / n;
        }
    }

    @Override
    public int pick() {
        probabilities(p);
        return PolicyIO.draw(p, n, rng.nextDouble());
    }

    @Override
    public void update(int arm, double cost, double probability) {
        PolicyIO.checkBandit(KIND, n, arm, cost, probability);
        est[arm] = PolicyIO.clamp(est[arm] + cost / probability);
        double m = PolicyIO.min(est, 0, n);
        for (int i = 0; i < n; i++) est[i] -= m;
        steps++;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeDouble(fixedEta);
        out.writeDouble(gamma);
        out.writeLong(steps);
        PolicyIO.writeDoubles(out, est);
        PolicyIO.writeRng(out, rng);
    }

    public static Exp3 read(DataInput in) throws IOException {
        PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 24);
        double eta = in.readDouble();
        double gamma = in.readDouble();
        long steps = in.readLong();
        double[] est = PolicyIO.readDoubles(in, n);
        return new Exp3(n, eta, gamma, est, steps, PolicyIO.readRng(in));
    }
}
