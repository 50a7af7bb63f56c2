package io.tidecast.learners.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link Rows} on the Vector API; loaded only when {@link Dot#vectorised()}. Lanewise, so any width keeps the bits. */
final class VectorRows {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private VectorRows() {}

    static void influenceStep(double ps, double[] v, double c, double[] jbar, double a, double[] w, int row, int n) {
        int j = 0;
        for (; j + 3 < n; j += 4) {
            final DoubleVector val = DoubleVector.fromArray(S, v, j).mul(ps)
                    .add(DoubleVector.fromArray(S, jbar, row + j).mul(c));
            val.intoArray(jbar, row + j);
            DoubleVector.fromArray(S, w, row + j).sub(val.mul(a)).intoArray(w, row + j);
        }
        for (; j < n; j++) {
            final double val = ps * v[j] + c * jbar[row + j];
            jbar[row + j] = val;
            w[row + j] -= a * val;
        }
    }

    static void addScaled(double[] y, int yo, double a, double[] x, int xo, int n) {
        int j = 0;
        for (; j + 3 < n; j += 4) {
            DoubleVector.fromArray(S, y, yo + j).add(DoubleVector.fromArray(S, x, xo + j).mul(a)).intoArray(y, yo + j);
        }
        for (; j < n; j++) y[yo + j] += a * x[xo + j];
    }

    static void subScaled(double[] y, int yo, double a, double[] x, int xo, int n) {
        int j = 0;
        for (; j + 3 < n; j += 4) {
            DoubleVector.fromArray(S, y, yo + j).sub(DoubleVector.fromArray(S, x, xo + j).mul(a)).intoArray(y, yo + j);
        }
        for (; j < n; j++) y[yo + j] -= a * x[xo + j];
    }
}
