package io.tidecast.learners.relax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The CSR kernel against the textbook iteration computed densely: x += W^-1 r with W = D/omega + L, r = b - A x. */
class SorTest {

    /** sor.m literally, with Commons Math dense matrices: iterations to ||r|| <= tol ||b||, from x0 = 0. */
    static int direct(double[][] a, double[] b, double omega, double tol, int cap, double[] xOut) {
        int n = b.length;
        RealMatrix A = new Array2DRowRealMatrix(a);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) w[i][j] = a[i][j];
            w[i][i] = a[i][i] / omega;
        }
        var solver = new LUDecomposition(new Array2DRowRealMatrix(w)).getSolver();
        RealVector bv = new ArrayRealVector(b);
        RealVector x = new ArrayRealVector(n);
        RealVector r = bv.copy();
        double r0 = r.getNorm();
        for (int k = 1; k <= cap; k++) {
            x = x.add(solver.solve(r));
            r = bv.subtract(A.operate(x));
            if (r.getNorm() <= tol * r0) {
                if (xOut != null) System.arraycopy(x.toArray(), 0, xOut, 0, n);
                return k;
            }
        }
        return cap;
    }

    static SparseSystem randomSpd(int n, double density, UniformRandomProvider rng) throws InvalidSystemException {
        // diagonally dominant symmetric: SPD, and SOR converges for every omega in (0, 2)
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (rng.nextDouble() < density) {
                    double v = -rng.nextDouble();
                    m[i][j] = v;
                    m[j][i] = v;
                }
            }
        }
        java.util.List<int[]> ij = new java.util.ArrayList<>();
        java.util.List<Double> vals = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) if (j != i) s += Math.abs(m[i][j]);
            m[i][i] = s + 0.1 + rng.nextDouble();
            for (int j = 0; j < n; j++) if (m[i][j] != 0) { ij.add(new int[] {i, j}); vals.add(m[i][j]); }
        }
        int[] r = ij.stream().mapToInt(p -> p[0]).toArray();
        int[] c = ij.stream().mapToInt(p -> p[1]).toArray();
        return SparseSystem.fromCoo(n, r, c, vals.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void iterationCountsEqualTheDirectComputationOnSmallSystems() throws Exception {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int compared = 0;
        for (int trial = 0; trial < 6; trial++) {
            SparseSystem a = trial < 3 ? randomSpd(5 + 4 * trial, 0.4, rng) : SparseSystem.laplacian2d(trial).shifted(0.3 * trial - 0.6);
            double[][] dense = a.toDense();
            double[] b = new double[a.size()];
            for (int i = 0; i < b.length; i++) b[i] = rng.nextDouble() - 0.5;
            Sor sor = new Sor(a.size());
            for (double omega : new double[] {0.5, 1.0, 1.3, 1.65, 1.9}) {
                double[] xd = new double[a.size()];
                int expected = direct(dense, b, omega, 1e-8, 10_000, xd);
                assertThat(sor.solve(a, b, omega, 1e-8, 10_000)).as("trial %d omega %s", trial, omega).isEqualTo(expected);
                assertThat(sor.iterations(a, b, omega, 1e-8, 10_000)).isEqualTo(expected);
                double[] x = sor.solution(a.size());
                for (int i = 0; i < x.length; i++) assertThat(x[i]).isCloseTo(xd[i], within(1e-9 * (1 + Math.abs(xd[i]))));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(30);
    }

    @Test
    void theSolutionSolvesTheSystemAndTheCapHolds() throws Exception {
        SparseSystem a = SparseSystem.laplacian2d(10).shifted(-0.15);
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) b[i] = Math.sin(i);
        Sor sor = new Sor(100);
        int k = sor.solve(a, b, 1.7, 1e-8, 10_000);
        double[] x = sor.solution(100);
        double[] ax = new double[100];
        a.multiply(x, ax);
        double res = 0, nb = 0;
        for (int i = 0; i < 100; i++) { res += (ax[i] - b[i]) * (ax[i] - b[i]); nb += b[i] * b[i]; }
        assertThat(Math.sqrt(res / nb)).isLessThanOrEqualTo(1e-8);
        assertThat(k).isBetween(20, 400);
        assertThat(sor.iterations(a, b, 1.7, 1e-8, 5)).isEqualTo(5);
        // omega outside (0, 2) diverges: the count is the cap, not an exception or a bogus small number
        assertThat(sor.iterations(a, b, 2.5, 1e-8, 300)).isEqualTo(300);
    }
}
