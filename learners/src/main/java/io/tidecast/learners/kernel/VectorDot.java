package io.tidecast.learners.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Dot} kernels on the Vector API. Loaded only once {@link Dot} has found the module, so a JVM without it
 * never touches this class. Always four lanes ({@link DoubleVector#SPECIES_256}), whatever the hardware prefers: lane
 * r is the scalar kernel's partial sum s_r, so eight lanes (AVX-512) would change the summation order. Each step is a
 * lanewise multiply then a lanewise add, two roundings like the scalar {@code s += a * b}; the tail goes into lane
 * 0's value after the loop, as the scalar kernel adds it to s_0.
 */
final class VectorDot {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private VectorDot() {}

    /** Below 256 bits the Vector API is not compiled to vector instructions and is far slower than plain Java. */
    static boolean hardwareSupported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        DoubleVector s = DoubleVector.zero(S);
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s = s.add(DoubleVector.fromArray(S, a, ao + k).mul(DoubleVector.fromArray(S, b, bo + k)));
        }
        double s0 = s.lane(0);
        for (; k < len; k++) s0 += a[ao + k] * b[bo + k];
        return (s0 + s.lane(1)) + (s.lane(2) + s.lane(3));
    }

    static void dot2(double[] a, int ao0, int ao1, double[] b, int bo, int len, double[] out, int o) {
        DoubleVector s = DoubleVector.zero(S), t = s;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            final DoubleVector bv = DoubleVector.fromArray(S, b, bo + k);
            s = s.add(DoubleVector.fromArray(S, a, ao0 + k).mul(bv));
            t = t.add(DoubleVector.fromArray(S, a, ao1 + k).mul(bv));
        }
        double s0 = s.lane(0), t0 = t.lane(0);
        for (; k < len; k++) {
            s0 += a[ao0 + k] * b[bo + k];
            t0 += a[ao1 + k] * b[bo + k];
        }
        out[o] = (s0 + s.lane(1)) + (s.lane(2) + s.lane(3));
        out[o + 1] = (t0 + t.lane(1)) + (t.lane(2) + t.lane(3));
    }

    static void dot4(double[] a, int ao, int stride, double[] b, int bo, int len, double[] out, int o) {
        final int a0 = ao, a1 = ao + stride, a2 = a1 + stride, a3 = a2 + stride;
        DoubleVector s = DoubleVector.zero(S), t = s, u = s, w = s;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            final DoubleVector bv = DoubleVector.fromArray(S, b, bo + k);
            s = s.add(DoubleVector.fromArray(S, a, a0 + k).mul(bv));
            t = t.add(DoubleVector.fromArray(S, a, a1 + k).mul(bv));
            u = u.add(DoubleVector.fromArray(S, a, a2 + k).mul(bv));
            w = w.add(DoubleVector.fromArray(S, a, a3 + k).mul(bv));
        }
        double s0 = s.lane(0), t0 = t.lane(0), u0 = u.lane(0), w0 = w.lane(0);
        for (; k < len; k++) {
            final double bk = b[bo + k];
            s0 += a[a0 + k] * bk;
            t0 += a[a1 + k] * bk;
            u0 += a[a2 + k] * bk;
            w0 += a[a3 + k] * bk;
        }
        out[o] = (s0 + s.lane(1)) + (s.lane(2) + s.lane(3));
        out[o + 1] = (t0 + t.lane(1)) + (t.lane(2) + t.lane(3));
        out[o + 2] = (u0 + u.lane(1)) + (u.lane(2) + u.lane(3));
        out[o + 3] = (w0 + w.lane(1)) + (w.lane(2) + w.lane(3));
    }

    static void addSquares(double[] a, int from, int len, double[] acc) {
        DoubleVector s = DoubleVector.fromArray(S, acc, 0);
        for (int k = from, end = from + len; k < end; k += 4) {
            final DoubleVector x = DoubleVector.fromArray(S, a, k);
            s = s.add(x.mul(x));
        }
        s.intoArray(acc, 0);
    }
}
