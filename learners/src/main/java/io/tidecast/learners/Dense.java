package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small allocation-free dense helpers (row-major {@code double[]}) and state I/O shared by the learners. */
final class Dense {
    private Dense() {}

    /**
     * {@code out[i] = sum_j a[i*cols + j] * x[j]} for {@code i < rows}, each sum from 0 over j in order. Four rows at a
     * time: one row's sum is a chain of dependent additions that waits on the adder's latency, four independent
     * chains keep it busy; every sum is the same, bit for bit.
     */
    static void matVec(double[] a, int rows, int cols, double[] x, double[] out) {
        int i = 0;
        for (int r = 0; i + 3 < rows; i += 4, r += 4 * cols) {
            int r1 = r + cols, r2 = r1 + cols, r3 = r2 + cols;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < cols; j++) {
                double xj = x[j];
                s0 += a[r + j] * xj;
                s1 += a[r1 + j] * xj;
                s2 += a[r2 + j] * xj;
                s3 += a[r3 + j] * xj;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (int r = i * cols; i < rows; i++, r += cols) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[r + j] * x[j];
            }
            out[i] = s;
        }
    }

    static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** Sets {@code p} (m x m) to {@code diag * I}. */
    static void setScaledIdentity(double[] p, int m, double diag) {
        java.util.Arrays.fill(p, 0.0);
        for (int i = 0; i < m; i++) {
            p[i * m + i] = diag;
        }
    }

    static void writeDoubles(DataOutput out, double[] a) throws IOException {
        BulkDoubles.write(out, a);
    }

    static double[] readDoubles(DataInput in, int n) throws IOException {
        return BulkDoubles.read(in, n);
    }

    static int readVersion(DataInput in, String kind, int newest) throws IOException {
        int v = in.readInt();
        if (v < 1 || v > newest) {
            throw new IOException("'" + kind + "' state version " + v + " is not supported (this release reads 1.." + newest + ")");
        }
        return v;
    }

    static void checkDims(int d, int k) {
        if (d < 1 || k < 1) {
            throw new IllegalArgumentException("outputDim and history must be >= 1, got d=" + d + ", k=" + k);
        }
    }

    static double positive(String kind, String name, double v) {
        if (!(v > 0) || Double.isNaN(v)) {
            throw new IllegalArgumentException(kind + ": parameter '" + name + "' must be > 0, got " + v);
        }
        return v;
    }

    /** {@code W += step * e x^T} for W d x m row-major: the gradient step of the LMS family. */
    static void addScaledOuter(double[] w, int d, int m, double step, double[] e, double[] x) {
        for (int i = 0, r = 0; i < d; i++, r += m) {
            double s = step * e[i];
            for (int j = 0; j < m; j++) {
                w[r + j] += s * x[j];
            }
        }
    }
}
