package io.tidecast.learners.relax;

/**
 * Successive over-relaxation from x0 = 0 as in Khodak et al. ({@code solvers/sor.m}): with W = D/omega + L,
 * each iteration does {@code x += W^-1 r}, then {@code r = b - A x}; it stops at the first iteration k (counted
 * from 1) with {@code ||r_k|| <= tol ||r_0||}, or at {@code cap}.
 *
 * <p>Kernel: one forward substitution over the lower part gives delta = W^-1 r, and the new residual needs only
 * the upper part, because {@code r - A delta = (1/omega - 1) D delta - U delta} when {@code W delta = r}; so an
 * iteration reads each stored nonzero once. A workspace instance owns its vectors (not thread-safe; one per thread).
 */
public final class Sor {
    public static final double DEFAULT_TOL = 1e-8;
    public static final int DEFAULT_CAP = 10_000;

    private final double[] r;
    private final double[] delta;
    private final double[] x;

    public Sor(int n) {
        r = new double[n];
        delta = new double[n];
        x = new double[n];
    }

    /** Iterations to relative residual {@code tol} (at most {@code cap}; also {@code cap} if the iteration blows up). */
    public int iterations(SparseSystem a, double[] b, double omega, double tol, int cap) {
        return run(a, b, omega, tol, cap, false);
    }

    /** Same as {@link #iterations}, and keeps the iterate; read it with {@link #solution}. */
    public int solve(SparseSystem a, double[] b, double omega, double tol, int cap) {
        return run(a, b, omega, tol, cap, true);
    }

    /** The iterate of the last {@link #solve} (a copy). */
    public double[] solution(int n) {
        return java.util.Arrays.copyOf(x, n);
    }

    private int run(SparseSystem a, double[] b, double omega, double tol, int cap, boolean keepX) {
        final int n = a.n;
        final int[] lp = a.lowPtr, lc = a.lowCol, up = a.upPtr, uc = a.upCol;
        final double[] lv = a.lowVal, uv = a.upVal, d = a.diag;
        double r0 = 0;
        for (int i = 0; i < n; i++) {
            r[i] = b[i];
            r0 += b[i] * b[i];
            if (keepX) x[i] = 0;
        }
        final double stop = tol * tol * r0;
        final double back = 1 / omega - 1;
        for (int k = 1; k <= cap; k++) {
            for (int i = 0; i < n; i++) {
                double s = r[i];
                for (int q = lp[i]; q < lp[i + 1]; q++) s -= lv[q] * delta[lc[q]];
                delta[i] = omega * s / d[i];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double s = back * d[i] * delta[i];
                for (int q = up[i]; q < up[i + 1]; q++) s -= uv[q] * delta[uc[q]];
                r[i] = s;
                norm += s * s;
            }
            if (keepX) for (int i = 0; i < n; i++) x[i] += delta[i];
            if (norm <= stop) return k;
            if (!Double.isFinite(norm)) return cap;
        }
        return cap;
    }
}
