package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Warm-up OLS, the published baseline: accumulates the normal matrix {@code X X^T} (m x m) and {@code Y X^T}
 * (d x m) over the first N learned pairs, then fits {@code W = Y X^T pinv(X X^T)} once and is frozen (later
 * {@link #learn} calls do nothing).
 *
 * <p>The pseudo-inverse uses MATLAB's {@code pinv} tolerance {@code max(size(A)) * sigma_max * eps} with
 * {@code eps = 2^-52}: singular values at or below it are treated as zero, so a rank-deficient warm-up gives the
 * minimum-norm least-squares solution.
 *
 * <p>N is the parameter {@code fitPairs} if given, else {@link LearnerContext#warmupPairs()}; if that is &lt;= 0,
 * N = m (the input dimension, the fewest pairs that can determine all m coefficients).
 *
 * <p><b>Before the fit</b> {@link #predict} falls back to the last-value forecast (the newest sample of the input
 * window), so the learner is usable from the first step. After the fit the normal matrices are dropped from the
 * state; only W is kept.
 */
public final class WarmupOls extends FitOnceRegressor {
    public static final String KIND = "ols";
    static final int STATE_VERSION = 1;

    /** Upper triangle of X X^T (m x m); null once fitted. */
    private double[] xx;
    /** Y X^T (d x m); null once fitted. */
    private double[] yx;
    /** W (d x m); null until fitted. */
    private double[] w;

    public static WarmupOls create(LearnerSpec spec, LearnerContext ctx) {
        int n = ctx.fitPairs(spec);
        int m = ctx.inputDim();
        return new WarmupOls(ctx.outputDim(), ctx.history(), n, 0, new double[m * m], new double[ctx.outputDim() * m], null);
    }

    WarmupOls(int d, int k, int fitPairs, int pairs, double[] xx, double[] yx, double[] w) {
        super(d, k, fitPairs, pairs);
        this.xx = xx;
        this.yx = yx;
        this.w = w;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean fitted() {
        return w != null;
    }

    /** A copy of W (d x m), or null before the fit. */
    public double[] weights() {
        return w == null ? null : w.clone();
    }

    @Override
    void predictFitted(double[] x, double[] out) {
        Dense.matVec(w, d, m, x, out);
    }

    @Override
    void collect(double[] x, double[] y) {
        for (int i = 0; i < m; i++) {
            double xi = x[i];
            int ri = i * m;
            for (int j = i; j < m; j++) {
                xx[ri + j] += xi * x[j];
            }
        }
        for (int i = 0, r = 0; i < d; i++, r += m) {
            double yi = y[i];
            for (int j = 0; j < m; j++) {
                yx[r + j] += yi * x[j];
            }
        }
    }

    /** W = Y X^T pinv(X X^T). */
    @Override
    void fit() {
        RealMatrix a = new Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                a.setEntry(i, j, xx[i * m + j]);
                a.setEntry(j, i, xx[i * m + j]);
            }
        }
        RealMatrix pinv = pinv(a);
        RealMatrix yxm = new Array2DRowRealMatrix(d, m);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                yxm.setEntry(i, j, yx[i * m + j]);
            }
        }
        RealMatrix wm = yxm.multiply(pinv);
        double[] fittedW = new double[d * m];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                double v = wm.getEntry(i, j);
                fittedW[i * m + j] = Double.isFinite(v) ? v : 0.0;
            }
        }
        w = fittedW;
        xx = null;
        yx = null;
    }

    /** Moore–Penrose pseudo-inverse with MATLAB's default tolerance {@code max(size) * sigma_max * eps}. */
    static RealMatrix pinv(RealMatrix a) {
        SingularValueDecomposition svd = new SingularValueDecomposition(a);
        double[] s = svd.getSingularValues(); // descending
        double tol = Math.max(a.getRowDimension(), a.getColumnDimension()) * (s.length == 0 ? 0 : s[0]) * Math.ulp(1.0);
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        RealMatrix out = new Array2DRowRealMatrix(a.getColumnDimension(), a.getRowDimension());
        for (int l = 0; l < s.length; l++) {
            if (!(s[l] > tol)) {
                continue;
            }
            double inv = 1.0 / s[l];
            for (int i = 0; i < out.getRowDimension(); i++) {
                double vi = v.getEntry(i, l) * inv;
                if (vi == 0) {
                    continue;
                }
                for (int j = 0; j < out.getColumnDimension(); j++) {
                    out.addToEntry(i, j, vi * u.getEntry(j, l));
                }
            }
        }
        return out;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeInt(fitPairs);
        out.writeInt(pairs);
        out.writeBoolean(w != null);
        if (w != null) {
            Dense.writeDoubles(out, w);
        } else {
            Dense.writeDoubles(out, xx);
            Dense.writeDoubles(out, yx);
        }
    }

    static WarmupOls read(DataInput in) throws IOException {
        Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        int fitPairs = in.readInt();
        int pairs = in.readInt();
        boolean fitted = in.readBoolean();
        int m = 1 + d * k;
        if (fitted) {
            return new WarmupOls(d, k, fitPairs, pairs, null, null, Dense.readDoubles(in, d * m));
        }
        double[] xx = Dense.readDoubles(in, m * m);
        double[] yx = Dense.readDoubles(in, d * m);
        return new WarmupOls(d, k, fitPairs, pairs, xx, yx, null);
    }
}
