package io.tidecast.learners;

/**
 * Symmetric m x m matrices stored as their upper triangle, row by row: entry (i, j), j &gt;= i, at
 * {@code start(i) + j - i} with {@code start(i) = i m - i (i - 1) / 2}; the order the serialized upper triangle has
 * always used.
 */
final class Packed {
    private Packed() {}

    static int size(int m) {
        return m * (m + 1) / 2;
    }

    static void setScaledIdentity(double[] p, int m, double diag) {
        java.util.Arrays.fill(p, 0.0);
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            p[d] = diag;
        }
    }

    /**
     * {@code y = P x}. Every {@code y[i]} is summed over j = 0 .. m - 1 in order, starting from 0, exactly as the dot
     * product of row i of the full matrix: the entries left of the diagonal (column i of the rows above) are added
     * into {@code y[i]} while those rows are read, so P is read once, row by row, and nothing is read column-wise.
     * Two rows at a time, so that two independent sums hide the adder's latency (the same sums, bit for bit).
     */
    static void matVec(double[] p, int m, double[] x, double[] y) {
        java.util.Arrays.fill(y, 0, m, 0.0);
        int i = 0;
        int d = 0;
        for (; i + 1 < m; i += 2) {
            int d1 = d + m - i; // diagonal of row i + 1
            int r0 = d - i;     // p[r0 + j] = P(i, j)
            int r1 = d1 - i - 1;
            double x0 = x[i];
            double x1 = x[i + 1];
            double a01 = p[d + 1];
            double s0 = y[i] + p[d] * x0;
            s0 += a01 * x1;
            double s1 = (y[i + 1] + a01 * x0) + p[d1] * x1;
            for (int j = i + 2; j < m; j++) {
                double a = p[r0 + j];
                double b = p[r1 + j];
                double xj = x[j];
                s0 += a * xj;
                s1 += b * xj;
                y[j] = (y[j] + a * x0) + b * x1;
            }
            y[i] = s0;
            y[i + 1] = s1;
            d = d1 + m - i - 1;
        }
        if (i < m) y[i] = y[i] + p[d] * x[i]; // the last row of an odd m: its diagonal only
    }

    static double[] toFull(double[] p, int m) {
        double[] a = new double[m * m];
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            for (int j = i, r = d - i; j < m; j++) {
                a[i * m + j] = p[r + j];
                a[j * m + i] = p[r + j];
            }
        }
        return a;
    }

    /** The packed symmetric part {@code (A + A^T) / 2} of a full matrix (its upper triangle when A is symmetric). */
    static double[] symmetricPart(double[] a, int m) {
        double[] p = new double[size(m)];
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            p[d] = a[i * m + i];
            for (int j = i + 1, r = d - i; j < m; j++) {
                double u = a[i * m + j];
                double l = a[j * m + i];
                p[r + j] = Double.doubleToRawLongBits(u) == Double.doubleToRawLongBits(l) ? u : 0.5 * (u + l);
            }
        }
        return p;
    }
}
