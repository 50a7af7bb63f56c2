package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The inverse covariance {@code P} of {@link Rls} with its guards (see there), on its own. Its recursion depends
 * only on the inputs, never on the targets, so learners that see the same input windows in the same order (one
 * RLS per forecast horizon: horizon h learns window e when sample e + h arrives) can share one P and keep only
 * their weights: {@link #gain} of window e is the same for every horizon.
 *
 * <p>P is symmetric and kept as its upper triangle, row by row ({@link Packed}): half the memory of the full
 * matrix, which matters because with many keys every step streams a key's P from memory. The sums run in the
 * order the full row-major matrix summed them, so the results are bit-identical to it (see
 * {@code RlsPackedCovarianceTest}).
 */
public final class RlsCovariance {
    final int m;
    final double lambda;
    final double delta;
    final double maxTrace;
    /** Upper triangle of the m x m P, row by row: m (m + 1) / 2 entries. */
    final double[] p;
    long resets;

    RlsCovariance(int m, double lambda, double delta, double maxTrace, double[] packed, long resets) {
        this.m = m;
        this.lambda = lambda;
        this.delta = delta;
        this.maxTrace = maxTrace;
        if (packed == null) {
            packed = new double[Packed.size(m)];
            Packed.setScaledIdentity(packed, m, 1.0 / delta);
        } else if (packed.length != Packed.size(m)) {
            throw new IllegalArgumentException("packed covariance of m=" + m + " needs " + Packed.size(m) + " entries, got " + packed.length);
        }
        this.p = packed;
        this.resets = resets;
    }

    public int inputDim() {
        return m;
    }

    /** A deep copy (the heap backend's copy-on-write of a key's shared P). */
    public RlsCovariance copy() {
        return new RlsCovariance(m, lambda, delta, maxTrace, p.clone(), resets);
    }

    public long resets() {
        return resets;
    }

    /** P as a full row-major m x m matrix (a copy). */
    double[] full() {
        return Packed.toFull(p, m);
    }

    double trace() {
        double t = 0;
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            t += p[d];
        }
        return t;
    }

    /**
     * The gain of input x: writes {@code P x} into {@code px} and returns {@code 1 / (lambda + x^T P x)}, or NaN when
     * x cannot be learned from (not finite or too large even for a fresh P). Resets a P that lost positive
     * definiteness first. Does not change P otherwise; {@link #downdate} does.
     */
    public double gain(double[] x, double[] px) {
        Packed.matVec(p, m, x, px);
        double denom = lambda + Dense.dot(x, px, m);
        if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
            // x^T P x < -lambda (P indefinite) or NaN/overflow: P is no covariance any more.
            reset();
            Packed.matVec(p, m, x, px);
            denom = lambda + Dense.dot(x, px, m);
            if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
                return Double.NaN; // x itself is not finite or too large to learn from
            }
        }
        return 1.0 / denom;
    }

    /** {@code P <- (P - px px^T inv) / lambda} (the forgetting skipped above {@code maxTrace}), reset if broken. */
    public void downdate(double[] px, double inv) {
        // trace after the downdate P - k x^T P decides whether the forgetting may inflate P (covariance bound)
        double tr = 0;
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            tr += p[d] - px[i] * px[i] * inv;
        }
        double scale = tr > maxTrace ? 1.0 : 1.0 / lambda;

        // P <- (P - px px^T / denom) * scale; k x^T P = px px^T / denom because P is symmetric. Only the upper
        // triangle exists, so P stays exactly symmetric by construction.
        // The chk sums take every entry so that one NaN/Inf anywhere shows up in them (no branch per entry); four
        // of them, since one chain of dependent additions would set the pace of the whole loop.
        double chk0 = 0, chk1 = 0, chk2 = 0, chk3 = 0;
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            double pxi = px[i] * inv;
            double diag = (p[d] - pxi * px[i]) * scale;
            p[d] = diag;
            minDiag = Math.min(minDiag, diag);
            chk0 += diag;
            int r = d - i;
            int j = i + 1;
            for (; j + 3 < m; j += 4) {
                double v0 = (p[r + j] - pxi * px[j]) * scale;
                double v1 = (p[r + j + 1] - pxi * px[j + 1]) * scale;
                double v2 = (p[r + j + 2] - pxi * px[j + 2]) * scale;
                double v3 = (p[r + j + 3] - pxi * px[j + 3]) * scale;
                p[r + j] = v0;
                p[r + j + 1] = v1;
                p[r + j + 2] = v2;
                p[r + j + 3] = v3;
                chk0 += v0;
                chk1 += v1;
                chk2 += v2;
                chk3 += v3;
            }
            for (; j < m; j++) {
                double v = (p[r + j] - pxi * px[j]) * scale;
                p[r + j] = v;
                chk1 += v;
            }
        }
        if (!(minDiag > 0) || !Double.isFinite((chk0 + chk1) + (chk2 + chk3))) {
            reset(); // lost positive definiteness or overflowed
        }
    }

    void reset() {
        Packed.setScaledIdentity(p, m, 1.0 / delta);
        resets++;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(m);
        out.writeDouble(lambda);
        out.writeDouble(delta);
        out.writeDouble(maxTrace);
        out.writeLong(resets);
        writePacked(out, p);
    }

    public static RlsCovariance read(DataInput in) throws IOException {
        int m = in.readInt();
        double lambda = in.readDouble();
        double delta = in.readDouble();
        double maxTrace = in.readDouble();
        long resets = in.readLong();
        return new RlsCovariance(m, lambda, delta, maxTrace, readPacked(in, m), resets);
    }

    /** The stored form of a packed P: flag byte 1 (upper triangle), then the triangle row by row, i.e. the array as is. */
    static void writePacked(DataOutput out, double[] packed) throws IOException {
        out.writeByte(1);
        Dense.writeDoubles(out, packed);
    }

    /**
     * Reads either stored layout of an m x m P packed: 1 (the upper triangle) as is; 2 (every entry, which the
     * full-matrix releases wrote for a P that was not bit-exactly symmetric, only ever injected by a test) as its
     * symmetric part, which is what their next downdate would have made of it.
     */
    static double[] readPacked(DataInput in, int m) throws IOException {
        int layout = in.readByte();
        if (layout == 1) return Dense.readDoubles(in, Packed.size(m));
        if (layout == 2) return Packed.symmetricPart(Dense.readDoubles(in, m * m), m);
        throw new IOException("unknown covariance layout " + layout);
    }

    /**
     * The stored form of a full symmetric matrix ({@link Ridge}'s A and P): a flag byte, then the upper triangle
     * row by row, or (a matrix that is not symmetric, which only a test can inject) every entry.
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
        return Packed.toFull(Dense.readDoubles(in, Packed.size(m)), m);
    }
}
