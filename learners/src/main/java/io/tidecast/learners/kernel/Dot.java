package io.tidecast.learners.kernel;

/**
 * The learners' dot-product (reduction) kernels, in one fixed summation order: a dot product of length len has four
 * partial sums, s_r accumulating the terms k ≡ r (mod 4) for k below len rounded down to a multiple of 4, in order
 * of k, each term a rounded product added to its sum (never a fused multiply-add); the len mod 4 trailing terms go
 * into s_0; the result is (s_0 + s_1) + (s_2 + s_3).
 *
 * <p>Java 17's C2 never vectorises a floating-point reduction, so the scalar form ({@link ScalarDot}) runs at a few
 * GFLOP/s. When the JDK's Vector API is usable ({@link #vectorised()}), the same order is computed with 256-bit
 * vectors of four doubles, lane r holding s_r ({@link VectorDot}): the same operations on the same operands, so the
 * results are identical bit for bit, about twice as fast on the row-blocked forms. Usable means: the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, the hardware's preferred vector is at least 256 bits wide (below
 * that the API runs as slow plain Java), and {@code -D}{@value #PROPERTY}{@code =false} was not given. Otherwise
 * the scalar kernels run, and nothing else changes.
 */
public final class Dot {
    /** System property: {@code false} forces the scalar kernels. */
    public static final String PROPERTY = "tidecast.vector";
    static final String MODULE = "jdk.incubator.vector";

    private static final boolean VECTOR = vectorUsable();

    private Dot() {}

    /** True when these kernels run on the Vector API (see the class comment). */
    public static boolean vectorised() {
        return VECTOR;
    }

    /** Dot product of a[ao..ao+len) and b[bo..bo+len), summed in the order of the class comment. */
    public static double dot(double[] a, int ao, double[] b, int bo, int len) {
        return VECTOR ? VectorDot.dot(a, ao, b, bo, len) : ScalarDot.dot(a, ao, b, bo, len);
    }

    /** out[o] = dot(a, ao0, b, bo, len) and out[o + 1] = dot(a, ao1, b, bo, len), in one pass over b. */
    public static void dot2(double[] a, int ao0, int ao1, double[] b, int bo, int len, double[] out, int o) {
        if (VECTOR) VectorDot.dot2(a, ao0, ao1, b, bo, len, out, o);
        else ScalarDot.dot2(a, ao0, ao1, b, bo, len, out, o);
    }

    /** out[o + r] = dot(a, ao + r·stride, b, bo, len) for r = 0..3, in one pass over b. */
    public static void dot4(double[] a, int ao, int stride, double[] b, int bo, int len, double[] out, int o) {
        if (VECTOR) VectorDot.dot4(a, ao, stride, b, bo, len, out, o);
        else ScalarDot.dot4(a, ao, stride, b, bo, len, out, o);
    }

    /** dot(a, from, a, from, len). */
    public static double sumSq(double[] a, int from, int len) {
        return dot(a, from, a, from, len);
    }

    /**
     * out[i] = dot(a, ao + i·stride, b, bo, len) for i &lt; rows: a row-major matrix times a vector, four rows per
     * pass over b (then two, then one), each row summed exactly as {@link #dot} sums it.
     */
    public static void matVec(double[] a, int ao, int stride, int rows, double[] b, int bo, int len, double[] out) {
        int i = 0;
        for (; i + 3 < rows; i += 4) dot4(a, ao + i * stride, stride, b, bo, len, out, i);
        for (; i + 1 < rows; i += 2) dot2(a, ao + i * stride, ao + (i + 1) * stride, b, bo, len, out, i);
        if (i < rows) out[i] = dot(a, ao + i * stride, b, bo, len);
    }

    /**
     * The squares of a[from..from+len) added to four running partial sums, acc[r] += a[from+k]² for k ≡ r (mod 4),
     * in order of k; len must be a multiple of 4. The middle of a long {@link #sumSq} whose partial sums the caller
     * carries across rows.
     */
    public static void addSquares(double[] a, int from, int len, double[] acc) {
        if ((len & 3) != 0) throw new IllegalArgumentException("len must be a multiple of 4, got " + len);
        if (VECTOR) VectorDot.addSquares(a, from, len, acc);
        else ScalarDot.addSquares(a, from, len, acc);
    }

    private static boolean vectorUsable() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim())) return false;
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) return false;
        try {
            return VectorDot.hardwareSupported();
        } catch (LinkageError e) {
            return false;
        }
    }
}
