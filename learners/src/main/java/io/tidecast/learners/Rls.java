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
    /** 2: adds {@link #cappedSteps()} (format 1 reads with it at 0: no capped step counted before the upgrade). */
    static final int STATE_VERSION = 2;
    public static final double DEFAULT_LAMBDA = 0.999;
    public static final double DEFAULT_DELTA = 0.01;
    /** Default covariance bound, as a multiple of trace(P0). */
    public static final double DEFAULT_TRACE_FACTOR = 1e4;

    private final double lambda;
    private final double delta;
    private final double maxTrace;
    /** m x m, symmetric, row-major. */
    private final double[] p;
    private long resets;
    private long cappedSteps;

    private final transient double[] px;
    private final transient double[] e;

    public static Rls create(LearnerSpec spec, LearnerContext ctx) {
        double lambda = spec.param("lambda", DEFAULT_LAMBDA);
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException(KIND + ": parameter 'lambda' must be in (0, 1], got " + lambda);
        }
        double delta = Dense.positive(KIND, "delta", spec.param("delta", DEFAULT_DELTA));
        double maxTrace = Dense.positive(KIND, "maxTrace",
                spec.param("maxTrace", DEFAULT_TRACE_FACTOR * ctx.inputDim() / delta));
        return new Rls(ctx.outputDim(), ctx.history(), lambda, delta, maxTrace, null, null, 0, 0, 0);
    }

    /** Restores (or, with null arrays, initialises) a learner; package-private so tests can inject a broken P. */
    Rls(int d, int k, double lambda, double delta, double maxTrace, double[] w, double[] p, long steps, long resets) {
        this(d, k, lambda, delta, maxTrace, w, p, steps, resets, 0);
    }

    Rls(int d, int k, double lambda, double delta, double maxTrace, double[] w, double[] p, long steps, long resets, long cappedSteps) {
        super(d, k, w, steps);
        this.lambda = lambda;
        this.delta = delta;
        this.maxTrace = maxTrace;
        if (p == null) {
            p = new double[m * m];
            Dense.setScaledIdentity(p, m, 1.0 / delta);
        }
        this.p = p;
        this.resets = resets;
        this.cappedSteps = cappedSteps;
        this.px = new double[m];
        this.e = new double[d];
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** How often P lost positive definiteness (or overflowed) and was reset to P0. */
    public long resets() {
        return resets;
    }

    /** How often the covariance bound held P back (skipped the 1/lambda inflation): input that does not excite every direction. */
    public long cappedSteps() {
        return cappedSteps;
    }

    public double[] covariance() {
        return p.clone();
    }

    public double trace() {
        double t = 0;
        for (int i = 0; i < m; i++) {
            t += p[i * m + i];
        }
        return t;
    }

    @Override
    public void learn(double[] x, double[] y) {
        steps++;
        Dense.matVec(p, m, m, x, px);
        double denom = lambda + Dense.dot(x, px, m);
        if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
            // x^T P x < -lambda (P indefinite) or NaN/overflow: P is no covariance any more.
            resetP();
            Dense.matVec(p, m, m, x, px);
            denom = lambda + Dense.dot(x, px, m);
            if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
                return; // x itself is not finite or too large to learn from; keep the model as it is
            }
        }
        double inv = 1.0 / denom;

        // W <- W + e k^T with e from the old W and k = P x / denom
        for (int i = 0, r = 0; i < d; i++, r += m) {
            double yhat = 0;
            for (int j = 0; j < m; j++) {
                yhat += w[r + j] * x[j];
            }
            double s = (y[i] - yhat) * inv;
            for (int j = 0; j < m; j++) {
                w[r + j] += s * px[j];
            }
        }

        // trace after the downdate P - k x^T P decides whether the forgetting may inflate P (covariance bound)
        double tr = 0;
        for (int i = 0; i < m; i++) {
            tr += p[i * m + i] - px[i] * px[i] * inv;
        }
        double scale = 1.0 / lambda;
        if (tr > maxTrace) {
            scale = 1.0;
            cappedSteps++;
        }

        // P <- sym(P - px px^T / denom) * scale; k x^T P = px px^T / denom because P is symmetric.
        // chk accumulates every entry so that one NaN/Inf anywhere shows up in it (no branch per entry).
        double chk = 0;
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int ri = i * m;
            double pxi = px[i] * inv;
            double diag = (p[ri + i] - pxi * px[i]) * scale;
            p[ri + i] = diag;
            minDiag = Math.min(minDiag, diag);
            chk += diag;
            for (int j = i + 1; j < m; j++) {
                double v = (0.5 * (p[ri + j] + p[j * m + i]) - pxi * px[j]) * scale;
                p[ri + j] = v;
                p[j * m + i] = v;
                chk += v;
            }
        }
        if (!(minDiag > 0) || !Double.isFinite(chk)) {
            resetP(); // lost positive definiteness or overflowed; W (already updated with a valid gain) is kept
        }
    }

    private void resetP() {
        Dense.setScaledIdentity(p, m, 1.0 / delta);
        resets++;
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
        out.writeLong(resets);
        out.writeLong(cappedSteps);
        Dense.writeDoubles(out, w);
        Dense.writeDoubles(out, p);
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
        long cappedSteps = version >= 2 ? in.readLong() : 0; // format 1 had no such count
        int m = 1 + d * k;
        double[] w = Dense.readDoubles(in, d * m);
        double[] p = Dense.readDoubles(in, m * m);
        return new Rls(d, k, lambda, delta, maxTrace, w, p, steps, resets, cappedSteps);
    }
}
