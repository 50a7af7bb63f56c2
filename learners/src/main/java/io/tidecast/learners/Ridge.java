package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Online ridge regression: after n pairs, {@code W^T = (lambda I + sum x x^T)^-1 sum x y^T}, i.e. exactly batch
 * ridge {@code (X^T X + lambda I)^-1 X^T Y} over everything seen so far (no forgetting).
 *
 * <p>{@code P = (lambda I + sum x x^T)^-1} starts at {@code I / lambda} and is kept up to date by Sherman–Morrison,
 * {@code P <- P - P x x^T P / (1 + x^T P x)}; with {@code b = sum x y^T} the weights {@code W = (P b)^T} then obey
 * {@code W <- W + e (P_old x)^T / (1 + x^T P_old x)} (e = y - W x), so neither b nor a product P b is needed on the
 * hot path and predict is O(d m). Parameter: {@code lambda} (default 1.0).
 *
 * <p>Because nothing is forgotten, P shrinks like 1/n and the rank-one downdates accumulate cancellation error.
 * The learner therefore also keeps the sufficient statistics {@code A = lambda I + sum x x^T} and {@code b^T}; if
 * P stops looking positive definite (non-finite entry, diagonal &lt;= 0, or {@code x^T P x < -1/2}) it recomputes
 * {@code P = A^-1} and {@code W = (P b)^T} exactly (LU, off the hot path) and counts it in {@link #recoveries()}.
 */
public final class Ridge extends LinearModel {
    public static final String KIND = "ridge";
    /** 2: A and P (both exactly symmetric) stored as their upper triangles. */
    static final int STATE_VERSION = 2;
    public static final double DEFAULT_LAMBDA = 1.0;

    private final double lambda;
    /** A = lambda I + sum x x^T, m x m. */
    private final double[] a;
    /** b^T = sum y x^T, d x m. */
    private final double[] bt;
    /** P = A^-1, m x m, symmetric. */
    private final double[] p;
    private long recoveries;

    private final transient double[] px;

    public static Ridge create(LearnerSpec spec, LearnerContext ctx) {
        return new Ridge(ctx.outputDim(), ctx.history(),
                Dense.positive(KIND, "lambda", spec.param("lambda", DEFAULT_LAMBDA)),
                null, null, null, null, 0, 0);
    }

    /**
     * A scalar-output ridge over {@code inputs} plain features (no window, no implied bias: the caller's features are
     * the input as given), e.g. the per-group oracle of groupwise regret. Needs at least 2 inputs.
     */
    public static Ridge overFeatures(int inputs, double lambda) {
        if (inputs < 2) throw new IllegalArgumentException(KIND + ": needs at least 2 features, got " + inputs);
        return new Ridge(1, inputs - 1, Dense.positive(KIND, "lambda", lambda), null, null, null, null, 0, 0);
    }

    /** Prediction of a scalar-output ridge ({@link #overFeatures}); pure. */
    public double predictScalar(double[] x) {
        return Dense.dot(w, x, m);
    }

    Ridge(int d, int k, double lambda, double[] a, double[] bt, double[] p, double[] w, long steps, long recoveries) {
        super(d, k, w, steps);
        this.lambda = lambda;
        if (a == null) {
            a = new double[m * m];
            Dense.setScaledIdentity(a, m, lambda);
        }
        if (p == null) {
            p = new double[m * m];
            Dense.setScaledIdentity(p, m, 1.0 / lambda);
        }
        this.a = a;
        this.p = p;
        this.bt = bt == null ? new double[d * m] : bt;
        this.recoveries = recoveries;
        this.px = new double[m];
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** How often P was recomputed from A because the Sherman–Morrison recursion had lost positive definiteness. */
    public long recoveries() {
        return recoveries;
    }

    @Override
    public void learn(double[] x, double[] y) {
        steps++;
        // sufficient statistics first, so that a recovery below includes this pair
        for (int i = 0; i < m; i++) {
            double xi = x[i];
            int ri = i * m;
            for (int j = 0; j < m; j++) {
                a[ri + j] += xi * x[j];
            }
        }
        for (int i = 0, r = 0; i < d; i++, r += m) {
            double yi = y[i];
            for (int j = 0; j < m; j++) {
                bt[r + j] += yi * x[j];
            }
        }

        Dense.matVec(p, m, m, x, px);
        double denom = 1.0 + Dense.dot(x, px, m);
        // x^T P x >= 0 for a positive definite P; a tiny negative value is rounding and harmless here (the diagonal
        // check below still catches a broken P), but x^T P x < -1/2 or a non-finite value means P is broken.
        if (!(denom > 0.5) || denom == Double.POSITIVE_INFINITY) {
            recompute();
            return;
        }
        double inv = 1.0 / denom;
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
        double chk = 0;
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int ri = i * m;
            double pxi = px[i] * inv;
            double diag = p[ri + i] - pxi * px[i];
            p[ri + i] = diag;
            minDiag = Math.min(minDiag, diag);
            chk += diag;
            for (int j = i + 1; j < m; j++) {
                double v = 0.5 * (p[ri + j] + p[j * m + i]) - pxi * px[j];
                p[ri + j] = v;
                p[j * m + i] = v;
                chk += v;
            }
        }
        if (!(minDiag > 0) || !Double.isFinite(chk)) {
            recompute();
        }
    }

    /** P = A^-1 and W = (P b)^T from the sufficient statistics; rare, so it may allocate. */
    private void recompute() {
        recoveries++;
        RealMatrix am = new Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                am.setEntry(i, j, 0.5 * (a[i * m + j] + a[j * m + i]));
            }
        }
        RealMatrix inv = new LUDecomposition(am).getSolver().getInverse();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                p[i * m + j] = 0.5 * (inv.getEntry(i, j) + inv.getEntry(j, i));
            }
        }
        for (int i = 0, r = 0; i < d; i++, r += m) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int l = 0; l < m; l++) {
                    s += p[j * m + l] * bt[r + l];
                }
                w[r + j] = s;
            }
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeDouble(lambda);
        out.writeLong(steps);
        out.writeLong(recoveries);
        RlsCovariance.writeSymmetric(out, a, m);
        Dense.writeDoubles(out, bt);
        RlsCovariance.writeSymmetric(out, p, m);
        Dense.writeDoubles(out, w);
    }

    static Ridge read(DataInput in) throws IOException {
        int version = Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        double lambda = in.readDouble();
        long steps = in.readLong();
        long recoveries = in.readLong();
        int m = 1 + d * k;
        double[] a = version == 1 ? Dense.readDoubles(in, m * m) : RlsCovariance.readSymmetric(in, m);
        double[] bt = Dense.readDoubles(in, d * m);
        double[] p = version == 1 ? Dense.readDoubles(in, m * m) : RlsCovariance.readSymmetric(in, m);
        double[] w = Dense.readDoubles(in, d * m);
        return new Ridge(d, k, lambda, a, bt, p, w, steps, recoveries);
    }
}
