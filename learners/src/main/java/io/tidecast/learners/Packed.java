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
     */
    static void matVec(double[] p, int m, double[] x, double[] y) {
        java.util.Arrays.fill(y, 0, m, 0.0);
        for (int i = 0, d = 0; i < m; d += m - i, i++) {
            double xi = x[i];
            double s = y[i] + p[d] * xi;
            for (int j = i + 1, r = d - i; j < m; j++) {
                double a = p[r + j];
                s += a * x[j];
                y[j] += a * xi;
            }
            y[i] = s;
        }
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
