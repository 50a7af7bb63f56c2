package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * SquareCB (inverse-gap weighting) with a per-arm online least-squares oracle: the streaming form of ChebCB
 * (Khodak et al., {@code ChebCB.m} at HEAD).
 *
 * <p>Features: for a scalar context with {@code terms = m > 0}, the Chebyshev polynomials
 * {@code f(c) = (T_0(z), ..., T_{m-1}(z))}, {@code z = 2(c - lo)/(hi - lo) - 1} clamped to [-1, 1]; with
 * {@code terms = 0}, the linear features {@code (1, c_1, ..., c_D)} of a D-dimensional context.
 *
 * <p>Oracle: per arm, ridge regression of the target {@code (cost - offset)/scale} on f over the rounds the arm was
 * played, {@code theta_i = P_i b_i / scale} with {@code P_i = (lambda I + sum f f^T)^-1} kept by Sherman–Morrison and
 * {@code b_i = sum (cost - offset) f}. Because the target is linear in 1/scale, keeping b unscaled makes a change of
 * scale refit every arm exactly, as the reference's "refit all arms when scale changes" does.
 *
 * <p>Rules (as the reference's practical variant), with K = max cost, spread = max - min cost (so
 * {@code (b-a) Lc = spread}), t = steps:
 * <pre>
 *   scale = K N,  N = 2 + 4 spread/K (1 + ln m)         (i.e. 2K + 4 spread (1 + ln m); 1 before any data or if not > 0)
 *   i*    = argmin_i s_i(c);  p_i = 1/(N_arms + eta (s_i - s_i*)) for i != i*;  p_i* = 1 - sum of the others
 *   alpha = (pi + (2/pi) ln(2m+1)) / (2 scale (m+1)) * spread
 *   R     = sum_s (s_{i_s}(c_s) - (cost_s - offset)/scale)^2        (s_{i_s}(c_s) predicted before round s's update)
 *   eta   = 2t sqrt(N_arms t / (R + 2 alpha^2 t)),   eta = 0 before the first update (uniform first choice)
 * </pre>
 * R is kept exactly under scale changes through three running sums (sum s^2, sum s (c - offset), sum (c - offset)^2).
 *
 * <p>Deviations from the reference: ridge (lambda, default 1) instead of FTL least squares with box constraints;
 * hence no constrained-solve residual ({@code resnorm = 0} in the eta schedule); the residual R uses the training
 * target (cost - offset)/scale rather than the reference code's cost/scale (its noted quirk); eta is capped at
 * 1e15 (it is infinite when R and alpha are both 0, e.g. constant costs).
 *
 * <p>Parameters: {@code contextDim} (default 1), {@code terms} (default 6 for contextDim 1, else 0), {@code lo}
 * (0), {@code hi} (1), {@code lambda} (1), {@code offset} (1), {@code eta} (fixed rate; absent or 0 = schedule).
 */
public final class SquareCb extends PolicyBase implements ContextualBanditPolicy {
    public static final String KIND = "squarecb";
    static final int STATE_VERSION = 1;
    static final double ETA_MAX = 1e15;

    private final int dim;
    private final int terms;
    private final int nf;
    private final double lo;
    private final double hi;
    private final double lambda;
    private final double offset;
    private final double fixedEta;
    /** n x nf x nf. */
    private final double[] pm;
    /** n x nf. */
    private final double[] b;
    private double maxCost;
    private double minCost;
    private double eta;
    private double s1;
    private double s2;
    private double s3;
    private final RestorableUniformRandomProvider rng;

    private final transient double[] f;
    private final transient double[] v;
    private final transient double[] pred;
    private final transient double[] p;

    public static SquareCb create(PolicySpec spec) {
        int dim = spec.intParam("contextDim", 1);
        int terms = spec.intParam("terms", dim == 1 ? 6 : 0);
        double lo = spec.param("lo", 0);
        double hi = spec.param("hi", 1);
        double lambda = spec.param("lambda", 1);
        double offset = spec.param("offset", 1);
        double eta = spec.param("eta", 0);
        if (dim < 1 || dim > 4096) throw new IllegalArgumentException(KIND + ": contextDim must be in [1, 4096], got " + dim);
        if (terms < 0 || terms > 64) throw new IllegalArgumentException(KIND + ": terms must be in [0, 64], got " + terms);
        if (terms > 0 && dim != 1) throw new IllegalArgumentException(KIND + ": Chebyshev features (terms > 0) need contextDim 1");
        if (!(hi > lo) || !Double.isFinite(hi - lo)) throw new IllegalArgumentException(KIND + ": need finite lo < hi");
        if (!(lambda > 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException(KIND + ": lambda must be > 0, got " + lambda);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException(KIND + ": offset must be finite");
        if (!(eta >= 0) || Double.isInfinite(eta)) throw new IllegalArgumentException(KIND + ": eta must be >= 0 and finite");
        int nf = terms > 0 ? terms : dim + 1;
        int n = spec.size;
        double[] pm = new double[n * nf * nf];
        for (int a = 0; a < n; a++) for (int i = 0; i < nf; i++) pm[a * nf * nf + i * nf + i] = 1 / lambda;
        return new SquareCb(n, dim, terms, lo, hi, lambda, offset, eta, pm, new double[n * nf], 0, 0, 0, 0, 0, 0, 0,
                PolicyIO.rng(spec.seed));
    }

    private SquareCb(int n, int dim, int terms, double lo, double hi, double lambda, double offset, double fixedEta,
                     double[] pm, double[] b, long steps, double maxCost, double minCost, double eta,
                     double s1, double s2, double s3, RestorableUniformRandomProvider rng) {
        super(KIND, n, steps);
        this.dim = dim;
        this.terms = terms;
        this.nf = terms > 0 ? terms : dim + 1;
        this.lo = lo;
        this.hi = hi;
        this.lambda = lambda;
        this.offset = offset;
        this.fixedEta = fixedEta;
        this.pm = pm;
        this.b = b;
        this.maxCost = maxCost;
        this.minCost = minCost;
        this.eta = eta;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.rng = rng;
        this.f = new double[nf];
        this.v = new double[nf];
        this.pred = new double[n];
        this.p = new double[n];
    }

    @Override
    public int contextDim() {
        return dim;
    }

    /** Inverse-gap rate for the next round. */
    public double eta() {
        return fixedEta > 0 ? (steps == 0 ? 0 : fixedEta) : eta;
    }

    /** Cost scale K N of the next round. */
    public double scale() {
        if (steps == 0) return 1;
        double s = 2 * maxCost + 4 * (maxCost - minCost) * (1 + Math.log(nf));
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    private void features(double[] context, double[] out) {
        if (terms > 0) {
            double c = context[0];
            if (!Double.isFinite(c)) throw new IllegalArgumentException(KIND + ": context must be finite, got " + c);
            double z = Math.max(-1, Math.min(1, 2 * (c - lo) / (hi - lo) - 1));
            out[0] = 1;
            if (terms > 1) out[1] = z;
            for (int j = 2; j < terms; j++) out[j] = 2 * z * out[j - 1] - out[j - 2];
        } else {
            out[0] = 1;
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(context[j])) throw new IllegalArgumentException(KIND + ": context must be finite");
                out[j + 1] = context[j];
            }
        }
    }

    /** Predicted normalised cost of arm a at features f: b_a^T P_a f / scale. */
    private double predict(int a, double[] f, double scale) {
        int po = a * nf * nf;
        int bo = a * nf;
        double s = 0;
        for (int i = 0; i < nf; i++) {
            double row = 0;
            for (int j = 0; j < nf; j++) row += pm[po + i * nf + j] * f[j];
            s += b[bo + i] * row;
        }
        return s / scale;
    }

    /** Predicted normalised costs of all arms for {@code context}; pure. */
    public void predictions(double[] context, double[] out) {
        double[] ff = new double[nf];
        features(context, ff);
        double scale = scale();
        for (int a = 0; a < n; a++) out[a] = predict(a, ff, scale);
    }

    @Override
    public void probabilities(double[] context, double[] out) {
        features(context, f);
        double scale = scale();
        double e = eta();
        int best = 0;
        for (int a = 0; a < n; a++) {
            pred[a] = predict(a, f, scale);
            if (pred[a] < pred[best]) best = a;
        }
        double others = 0;
        for (int a = 0; a < n; a++) {
            if (a == best) continue;
            double gap = pred[a] - pred[best];
            double g = gap > 0 && e > 0 ? e * gap : 0;
            out[a] = 1 / (n + g);
            others += out[a];
        }
        out[best] = Math.max(0, 1 - others);
    }

    @Override
    public int pick(double[] context) {
        probabilities(context, p);
        return PolicyIO.draw(p, n, rng.nextDouble());
    }

    @Override
    public void update(double[] context, int arm, double cost, double probability) {
        PolicyIO.checkBandit(KIND, n, arm, cost, probability);
        features(context, f);
        double sHat = predict(arm, f, scale());
        double y = cost - offset;
        if (steps == 0) {
            maxCost = cost;
            minCost = cost;
        } else {
            maxCost = Math.max(maxCost, cost);
            minCost = Math.min(minCost, cost);
        }
        s1 = PolicyIO.clamp(s1 + sHat * sHat);
        s2 = PolicyIO.clamp(s2 + sHat * y);
        s3 = PolicyIO.clamp(s3 + y * y);

        // Sherman–Morrison: P <- P - (P f)(P f)^T / (1 + f^T P f), symmetric by construction
        int po = arm * nf * nf;
        double denom = 1;
        for (int i = 0; i < nf; i++) {
            double row = 0;
            for (int j = 0; j < nf; j++) row += pm[po + i * nf + j] * f[j];
            v[i] = row;
            denom += f[i] * row;
        }
        if (denom >= 1 && Double.isFinite(denom)) {
            double inv = 1 / denom;
            for (int i = 0; i < nf; i++) {
                double vi = v[i] * inv;
                for (int j = i; j < nf; j++) {
                    double val = 0.5 * (pm[po + i * nf + j] + pm[po + j * nf + i]) - vi * v[j];
                    pm[po + i * nf + j] = val;
                    pm[po + j * nf + i] = val;
                }
            }
        }
        boolean ok = true;
        for (int i = 0; i < nf; i++) if (!(pm[po + i * nf + i] > 0)) ok = false;
        if (!ok) { // lost positive definiteness by rounding: forget this arm's confidence (keep its data sum)
            for (int i = 0; i < nf * nf; i++) pm[po + i] = 0;
            for (int i = 0; i < nf; i++) pm[po + i * nf + i] = 1 / lambda;
        }
        int bo = arm * nf;
        for (int i = 0; i < nf; i++) b[bo + i] = PolicyIO.clamp(b[bo + i] + y * f[i]);
        steps++;

        double scale = scale();
        double spread = maxCost - minCost;
        double alpha = (Math.PI + 2 / Math.PI * Math.log(2.0 * nf + 1)) / (2 * scale * (nf + 1)) * spread;
        double r = Math.max(0, s1 - 2 * s2 / scale + s3 / (scale * scale));
        double t = steps;
        double e = 2 * t * Math.sqrt(n * t / (r + 2 * alpha * alpha * t));
        eta = e >= 0 && e < ETA_MAX ? e : ETA_MAX;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeInt(dim);
        out.writeInt(terms);
        out.writeDouble(lo);
        out.writeDouble(hi);
        out.writeDouble(lambda);
        out.writeDouble(offset);
        out.writeDouble(fixedEta);
        out.writeLong(steps);
        out.writeDouble(maxCost);
        out.writeDouble(minCost);
        out.writeDouble(eta);
        out.writeDouble(s1);
        out.writeDouble(s2);
        out.writeDouble(s3);
        PolicyIO.writeDoubles(out, pm);
        PolicyIO.writeDoubles(out, b);
        PolicyIO.writeRng(out, rng);
    }

    public static SquareCb read(DataInput in) throws IOException {
        PolicyIO.readVersion(in, KIND, STATE_VERSION);
        int n = PolicyIO.readSize(in, KIND, 1 << 20);
        int dim = PolicyIO.readSize(in, KIND, 4096);
        int terms = in.readInt();
        if (terms < 0 || terms > 64) throw new IOException(KIND + " state: corrupt terms " + terms);
        double lo = in.readDouble();
        double hi = in.readDouble();
        double lambda = in.readDouble();
        double offset = in.readDouble();
        double fixedEta = in.readDouble();
        long steps = in.readLong();
        double maxCost = in.readDouble();
        double minCost = in.readDouble();
        double eta = in.readDouble();
        double s1 = in.readDouble();
        double s2 = in.readDouble();
        double s3 = in.readDouble();
        int nf = terms > 0 ? terms : dim + 1;
        double[] pm = PolicyIO.readDoubles(in, n * nf * nf);
        double[] b = PolicyIO.readDoubles(in, n * nf);
        return new SquareCb(n, dim, terms, lo, hi, lambda, offset, fixedEta, pm, b, steps, maxCost, minCost, eta,
                s1, s2, s3, PolicyIO.readRng(in));
    }
}
