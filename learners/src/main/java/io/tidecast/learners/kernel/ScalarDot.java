package io.tidecast.learners.kernel;

/** The {@link Dot} kernels in plain Java: four scalar partial sums per dot product. */
final class ScalarDot {
    private ScalarDot() {}

    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < len; k++) s0 += a[ao + k] * b[bo + k];
        return (s0 + s1) + (s2 + s3);
    }

    /** Two dot products in one loop: eight independent sums keep both floating-point adders busy. */
    static void dot2(double[] a, int ao0, int ao1, double[] b, int bo, int len, double[] out, int o) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            final double b0 = b[bo + k], b1 = b[bo + k + 1], b2 = b[bo + k + 2], b3 = b[bo + k + 3];
            s0 += a[ao0 + k] * b0;
            s1 += a[ao0 + k + 1] * b1;
            s2 += a[ao0 + k + 2] * b2;
            s3 += a[ao0 + k + 3] * b3;
            t0 += a[ao1 + k] * b0;
            t1 += a[ao1 + k + 1] * b1;
            t2 += a[ao1 + k + 2] * b2;
            t3 += a[ao1 + k + 3] * b3;
        }
        for (; k < len; k++) {
            s0 += a[ao0 + k] * b[bo + k];
            t0 += a[ao1 + k] * b[bo + k];
        }
        out[o] = (s0 + s1) + (s2 + s3);
        out[o + 1] = (t0 + t1) + (t2 + t3);
    }

    /** Four dot products in one loop: sixteen independent sums share each load of b. */
    static void dot4(double[] a, int ao, int stride, double[] b, int bo, int len, double[] out, int o) {
        final int a0 = ao, a1 = ao + stride, a2 = a1 + stride, a3 = a2 + stride;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        double u0 = 0, u1 = 0, u2 = 0, u3 = 0, w0 = 0, w1 = 0, w2 = 0, w3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            final double b0 = b[bo + k], b1 = b[bo + k + 1], b2 = b[bo + k + 2], b3 = b[bo + k + 3];
            s0 += a[a0 + k] * b0;
            s1 += a[a0 + k + 1] * b1;
            s2 += a[a0 + k + 2] * b2;
            s3 += a[a0 + k + 3] * b3;
            t0 += a[a1 + k] * b0;
            t1 += a[a1 + k + 1] * b1;
            t2 += a[a1 + k + 2] * b2;
            t3 += a[a1 + k + 3] * b3;
            u0 += a[a2 + k] * b0;
            u1 += a[a2 + k + 1] * b1;
            u2 += a[a2 + k + 2] * b2;
            u3 += a[a2 + k + 3] * b3;
            w0 += a[a3 + k] * b0;
            w1 += a[a3 + k + 1] * b1;
            w2 += a[a3 + k + 2] * b2;
            w3 += a[a3 + k + 3] * b3;
        }
        for (; k < len; k++) {
            final double bk = b[bo + k];
            s0 += a[a0 + k] * bk;
            t0 += a[a1 + k] * bk;
            u0 += a[a2 + k] * bk;
            w0 += a[a3 + k] * bk;
        }
        out[o] = (s0 + s1) + (s2 + s3);
        out[o + 1] = (t0 + t1) + (t2 + t3);
        out[o + 2] = (u0 + u1) + (u2 + u3);
        out[o + 3] = (w0 + w1) + (w2 + w3);
    }

    static void addSquares(double[] a, int from, int len, double[] acc) {
        double s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
        for (int k = from, end = from + len; k < end; k += 4) {
            s0 += a[k] * a[k];
            s1 += a[k + 1] * a[k + 1];
            s2 += a[k + 2] * a[k + 2];
            s3 += a[k + 3] * a[k + 3];
        }
        acc[0] = s0;
        acc[1] = s1;
        acc[2] = s2;
        acc[3] = s3;
    }
}
