package io.tidecast.learners.kernel;

/**
 * Elementwise row updates that C2 (Java 17) leaves scalar because they index a row of a row-major matrix
 * ({@code a[row + j]}) together with a vector ({@code v[j]}): C2 vectorises a loop only when all its arrays are
 * indexed alike. Each element is computed by the same operations in the same order either way, so the Vector API
 * form ({@link VectorRows}, used when {@link Dot#vectorised()}) is bit-identical to the scalar one.
 */
public final class Rows {
    private Rows() {}

    /**
     * SnAp-1's fused influence and weight update of row {@code row..row+n}: for every j,
     * {@code val = ps·v[j] + c·jbar[row+j]; jbar[row+j] = val; w[row+j] −= a·val}.
     */
    public static void influenceStep(double ps, double[] v, double c, double[] jbar, double a, double[] w, int row, int n) {
        if (Dot.vectorised()) VectorRows.influenceStep(ps, v, c, jbar, a, w, row, n);
        else scalarInfluenceStep(ps, v, c, jbar, a, w, row, n);
    }

    /** {@code y[yo+j] += a·x[xo+j]} for j &lt; n. */
    public static void addScaled(double[] y, int yo, double a, double[] x, int xo, int n) {
        if (Dot.vectorised()) VectorRows.addScaled(y, yo, a, x, xo, n);
        else for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
    }

    /** {@code y[yo+j] −= a·x[xo+j]} for j &lt; n. */
    public static void subScaled(double[] y, int yo, double a, double[] x, int xo, int n) {
        if (Dot.vectorised()) VectorRows.subScaled(y, yo, a, x, xo, n);
        else for (int j = 0; j < n; j++) y[yo + j] -= a * x[xo + j];
    }

    static void scalarInfluenceStep(double ps, double[] v, double c, double[] jbar, double a, double[] w, int row, int n) {
        for (int j = 0; j < n; j++) {
            final double val = ps * v[j] + c * jbar[row + j];
            jbar[row + j] = val;
            w[row + j] -= a * val;
        }
    }
}
