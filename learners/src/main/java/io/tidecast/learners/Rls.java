package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Multi-output recursive least squares with exponential forgetting. All outputs share one inverse covariance
 * {@code P} (m x m), so a step costs O(m^2 + d m):
 * <pre>
 *   k = P x / (lambda + x^T P x)
 *   W <- W + e k^T            (e = y - W x, with the old W)
 *   P <- (P - k x^T P) / lambda
 * </pre>
 * starting from {@code W = 0}, {@code P0 = I / delta}. Without the guards below this is exactly the
 * exponentially weighted least-squares solution {@code argmin sum_i lambda^(n-i) |y_i - W x_i|^2 + lambda^n delta |W|^2}.
 *
 * <p>Parameters: {@code lambda} (forgetting factor, default 0.999), {@code delta} (default 0.01, so P0 = 100 I),
 * {@code maxTrace} (covariance bound, default {@code 1e4 * trace(P0) = 1e4 m / delta}; {@code Infinity} disables it).
 *
 * <p>Numerical guards (RLS with forgetting otherwise diverges silently):
 * <ul>
 *   <li><b>symmetry</b>: P is rewritten as the symmetric part of its update, so rounding cannot make it drift
 *       into a non-symmetric (and then indefinite) matrix;</li>
 *   <li><b>covariance bound</b>: the 1/lambda inflation is skipped on any step where trace(P) after the downdate
 *       exceeds {@code maxTrace}. Directions the input does not excite would otherwise grow like lambda^-n
 *       ("covariance wind-up") until P overflows; with the bound trace(P) stays below
 *       {@code max(maxTrace / lambda, trace(P0))}. Below the cap the recursion is the exact one above;</li>
 *   <li><b>positive definiteness</b>: a non-finite entry, a diagonal entry &lt;= 0, or {@code lambda + x^T P x <= 0}
 *       means P is no longer a covariance. P is then reset to P0 while W is kept (the model survives, only its
 *       confidence is forgotten), and the reset is counted in {@link #resets()}.</li>
 * </ul>
 */
public final class Rls extends LinearModel {
    public static final String KIND = "rls";
    /** 2: P stored as its upper triangle, and absent when shared ({@link #shareCovariance}). */
    static final int STATE_VERSION = 2;
    public static final double DEFAULT_LAMBDA = 0.999;
    public static final double DEFAULT_DELTA = 0.01;
    /** Default covariance bound, as a multiple of trace(P0). */
    public static final double DEFAULT_TRACE_FACTOR = 1e4;

    private final double lambda;
    private final double delta;
    private final double maxTrace;
    /** P, or null when this learner's P is shared with others and the caller passes the gain ({@link #learn(double[], double[], double[], double)}). */
    private RlsCovariance cov;

    private final transient double[] px;
    private final transient double[] yhat;

    public static Rls create(LearnerSpec spec, LearnerContext ctx) {
        double lambda = spec.param("lambda", DEFAULT_LAMBDA);
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException(KIND + ": parameter 'lambda' must be in (0, 1], got " + lambda);
        }
        double delta = Dense.positive(KIND, "delta", spec.param("delta", DEFAULT_DELTA));
        double maxTrace = Dense.positive(KIND, "maxTrace",
                spec.param("maxTrace", DEFAULT_TRACE_FACTOR * ctx.inputDim() / delta));
        return new Rls(ctx.outputDim(), ctx.history(), lambda, delta, maxTrace, null, null, 0, 0);
    }

    /**
     * Restores (or, with null arrays, initialises) a learner from a full m x m P (kept as its symmetric part, packed);
     * package-private so tests can inject a broken P.
     */
    Rls(int d, int k, double lambda, double delta, double maxTrace, double[] w, double[] p, long steps, long resets) {
        this(d, k, lambda, delta, maxTrace, w, new RlsCovariance(1 + d * k, lambda, delta, maxTrace,
                p == null ? null : Packed.symmetricPart(p, 1 + d * k), resets), steps);
    }

    private Rls(int d, int k, double lambda, double delta, double maxTrace, double[] w, RlsCovariance cov, long steps) {
        super(d, k, w, steps);
        this.lambda = lambda;
        this.delta = delta;
        this.maxTrace = maxTrace;
        this.cov = cov;
        this.px = new double[m];
        this.yhat = new double[d];
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** A direct deep copy (a shared P is not this learner's: the operator copies it with its owner). */
    @Override
    public Rls copy() {
        return new Rls(d, k, lambda, delta, maxTrace, w.clone(), cov == null ? null : cov.copy(), steps);
    }

    /**
     * Hands this learner's P to the caller, who shares it among learners that see the same input windows in the
     * same order and passes them its {@link RlsCovariance#gain}; from then on this learner keeps only W.
     */
    public RlsCovariance shareCovariance() {
        RlsCovariance c = cov;
        cov = null;
        return c;
    }

    /** How often P lost positive definiteness (or overflowed) and was reset to P0. */
    public long resets() {
        return cov == null ? 0 : cov.resets;
    }

    /** P as a full row-major m x m matrix (a copy). */
    public double[] covariance() {
        return cov.full();
    }

    public double trace() {
        return cov.trace();
    }

    @Override
    public void learn(double[] x, double[] y) {
        if (cov == null) throw new IllegalStateException("this RLS shares its covariance: pass the gain");
        steps++;
        double inv = cov.gain(x, px);
        if (Double.isNaN(inv)) return; // keep the model as it is
        updateWeights(x, y, px, inv);
        cov.downdate(px, inv); // W (already updated with a valid gain) is kept if P is reset here
    }

    /** One update of W with the gain of x from a shared P ({@link RlsCovariance#gain}; NaN: x is not learned from). */
    public void learn(double[] x, double[] y, double[] px, double inv) {
        steps++;
        if (Double.isNaN(inv)) return;
        updateWeights(x, y, px, inv);
    }

    /** W <- W + e k^T with e from the old W and k = P x / denom. */
    private void updateWeights(double[] x, double[] y, double[] px, double inv) {
        Dense.matVec(w, d, m, x, yhat);
        for (int i = 0, r = 0; i < d; i++, r += m) {
            double s = (y[i] - yhat[i]) * inv;
            for (int j = 0; j < m; j++) {
                w[r + j] += s * px[j];
            }
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeDouble(lambda);
        out.writeDouble(delta);
        out.writeDouble(maxTrace);
        out.writeLong(steps);
        out.writeLong(resets());
        Dense.writeDoubles(out, w);
        out.writeBoolean(cov != null);
        if (cov != null) RlsCovariance.writePacked(out, cov.p);
    }

    static Rls read(DataInput in) throws IOException {
        int version = Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        double lambda = in.readDouble();
        double delta = in.readDouble();
        double maxTrace = in.readDouble();
        long steps = in.readLong();
        long resets = in.readLong();
        int m = 1 + d * k;
        double[] w = Dense.readDoubles(in, d * m);
        if (version == 1) return new Rls(d, k, lambda, delta, maxTrace, w, Dense.readDoubles(in, m * m), steps, resets);
        if (!in.readBoolean()) return new Rls(d, k, lambda, delta, maxTrace, w, (RlsCovariance) null, steps);
        return new Rls(d, k, lambda, delta, maxTrace, w,
                new RlsCovariance(m, lambda, delta, maxTrace, RlsCovariance.readPacked(in, m), resets), steps);
    }
}
