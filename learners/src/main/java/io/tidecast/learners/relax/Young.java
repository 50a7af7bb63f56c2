package io.tidecast.learners.relax;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The instance-optimal relaxation of Young's theory for consistently ordered SPD matrices,
 * {@code omega* = 2 / (1 + sqrt(1 - beta^2))}, with beta the spectral radius of the Jacobi iteration matrix
 * {@code I - D^-1 A} ({@code solvers/omega_opt.m}, {@code rho_jacobi.m}).
 */
public final class Young {
    /** Largest size for which the Jacobi radius is computed by a dense symmetric eigendecomposition. */
    public static final int DENSE_LIMIT = 400;

    private Young() {}

    public static double omega(double beta) {
        return 2 / (1 + Math.sqrt(1 - beta * beta));
    }

    /**
     * beta = rho(I - D^-1 A), from the similar symmetric matrix {@code S = I - D^-1/2 A D^-1/2}: exactly (dense
     * eigendecomposition, Commons Math) up to {@link #DENSE_LIMIT} unknowns, otherwise by power iteration on S^2
     * (whose top eigenvalue is beta^2 even when +-beta are both eigenvalues, as for consistently ordered matrices)
     * to a relative change below 1e-13 or 100,000 steps.
     */
    public static double jacobiRadius(SparseSystem a) {
        int n = a.n;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = 1 / Math.sqrt(a.diag[i]);
        if (n <= DENSE_LIMIT) {
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int q = a.lowPtr[i]; q < a.lowPtr[i + 1]; q++) m[i][a.lowCol[q]] = -a.lowVal[q] * s[i] * s[a.lowCol[q]];
                for (int q = a.upPtr[i]; q < a.upPtr[i + 1]; q++) m[i][a.upCol[q]] = -a.upVal[q] * s[i] * s[a.upCol[q]];
            }
            double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues();
            double r = 0;
            for (double e : ev) r = Math.max(r, Math.abs(e));
            return r;
        }
        double[] v = new double[n];
        double[] w = new double[n];
        double[] u = new double[n];
        var rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(n);
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble() - 0.5;
        normalise(v);
        double lam = 0;
        for (int it = 0; it < 100_000; it++) {
            applyOffDiagonal(a, s, v, w);
            applyOffDiagonal(a, s, w, u);
            double nl = dot(v, u);
            double nrm = Math.sqrt(dot(u, u));
            if (nrm == 0) return 0;
            for (int i = 0; i < n; i++) v[i] = u[i] / nrm;
            if (it > 10 && Math.abs(nl - lam) <= 1e-13 * Math.abs(nl)) {
                lam = nl;
                break;
            }
            lam = nl;
        }
        return Math.sqrt(Math.max(0, lam));
    }

    private static void applyOffDiagonal(SparseSystem a, double[] s, double[] x, double[] y) {
        for (int i = 0; i < a.n; i++) {
            double t = 0;
            for (int q = a.lowPtr[i]; q < a.lowPtr[i + 1]; q++) t -= a.lowVal[q] * s[a.lowCol[q]] * x[a.lowCol[q]];
            for (int q = a.upPtr[i]; q < a.upPtr[i + 1]; q++) t -= a.upVal[q] * s[a.upCol[q]] * x[a.upCol[q]];
            y[i] = s[i] * t;
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void normalise(double[] v) {
        double n = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) v[i] /= n;
    }
}
