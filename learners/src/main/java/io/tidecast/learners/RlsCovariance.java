package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The inverse covariance {@code P} of {@link Rls} with its guards (see there), on its own. Its recursion depends
 * only on the inputs, never on the targets, so learners that see the same input windows in the same order (one
 * RLS per forecast horizon: horizon h learns window e when sample e + h arrives) can share one P and keep only
 * their weights: {@link #gain} of window e is the same for every horizon.
 */
public final class RlsCovariance {
    final int m;
    final double lambda;
    final double delta;
    final double maxTrace;
    /** m x m, symmetric, row-major. */
    final double[] p;
    long resets;

    RlsCovariance(int m, double lambda, double delta, double maxTrace, double[] p, long resets) {
        this.m = m;
        this.lambda = lambda;
        this.delta = delta;
        this.maxTrace = maxTrace;
        if (p == null) {
            p = new double[m * m];
            Dense.setScaledIdentity(p, m, 1.0 / delta);
        }
        this.p = p;
        this.resets = resets;
    }

    public int inputDim() {
        return m;
    }

    public long resets() {
        return resets;
    }

    /**
     * The gain of input x: writes {@code P x} into {@code px} and returns {@code 1 / (lambda + x^T P x)}, or NaN when
     * x cannot be learned from (not finite or too large even for a fresh P). Resets a P that lost positive
     * definiteness first. Does not change P otherwise; {@link #downdate} does.
     */
    public double gain(double[] x, double[] px) {
        Dense.matVec(p, m, m, x, px);
        double denom = lambda + Dense.dot(x, px, m);
        if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
            // x^T P x < -lambda (P indefinite) or NaN/overflow: P is no covariance any more.
            reset();
            Dense.matVec(p, m, m, x, px);
            denom = lambda + Dense.dot(x, px, m);
            if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
                return Double.NaN; // x itself is not finite or too large to learn from
            }
        }
        return 1.0 / denom;
    }

    /** {@code P <- sym(P - px px^T inv) / lambda} (the forgetting skipped above {@code maxTrace}), reset if broken. */
    public void downdate(double[] px, double inv) {
        // trace after the downdate P - k x^T P decides whether the forgetting may inflate P (covariance bound)
        double tr = 0;
        for (int i = 0; i < m; i++) {
            tr += p[i * m + i] - px[i] * px[i] * inv;
        }
        double scale = tr > maxTrace ? 1.0 : 1.0 / lambda;

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
            reset(); // lost positive definiteness or overflowed
        }
    }

    void reset() {
        Dense.setScaledIdentity(p, m, 1.0 / delta);
        resets++;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(m);
        out.writeDouble(lambda);
        out.writeDouble(delta);
        out.writeDouble(maxTrace);
        out.writeLong(resets);
        writeSymmetric(out, p, m);
    }

    public static RlsCovariance read(DataInput in) throws IOException {
        int m = in.readInt();
        double lambda = in.readDouble();
        double delta = in.readDouble();
        double maxTrace = in.readDouble();
        long resets = in.readLong();
        return new RlsCovariance(m, lambda, delta, maxTrace, readSymmetric(in, m), resets);
    }

    /**
     * P is kept exactly symmetric (every update writes both halves with the same value), so its lower triangle is
     * derivable and is not stored: a flag byte, then the upper triangle row by row, or (a P that is not symmetric,
     * which only a test can inject) every entry.
     */
    static void writeSymmetric(DataOutput out, double[] a, int m) throws IOException {
        boolean symmetric = isSymmetric(a, m);
        out.writeByte(symmetric ? 1 : 2);
        if (!symmetric) {
            Dense.writeDoubles(out, a);
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) out.writeDouble(a[i * m + j]);
        }
    }

    /** Bit-exact symmetry, compared in tiles: a column walk of the whole matrix missed the cache on every entry. */
    static boolean isSymmetric(double[] a, int m) {
        final int tile = 8;
        for (int bi = 0; bi < m; bi += tile) {
            int iEnd = Math.min(m, bi + tile);
            for (int bj = bi; bj < m; bj += tile) {
                int jEnd = Math.min(m, bj + tile);
                for (int i = bi; i < iEnd; i++) {
                    for (int j = Math.max(bj, i + 1); j < jEnd; j++) {
                        if (Double.doubleToRawLongBits(a[i * m + j]) != Double.doubleToRawLongBits(a[j * m + i])) return false;
                    }
                }
            }
        }
        return true;
    }

    static double[] readSymmetric(DataInput in, int m) throws IOException {
        int layout = in.readByte();
        if (layout == 2) return Dense.readDoubles(in, m * m);
        if (layout != 1) throw new IOException("unknown covariance layout " + layout);
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double v = in.readDouble();
                a[i * m + j] = v;
                a[j * m + i] = v;
            }
        }
        return a;
    }
}
