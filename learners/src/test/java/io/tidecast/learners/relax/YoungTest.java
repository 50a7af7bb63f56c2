package io.tidecast.learners.relax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class YoungTest {

    /** rho(C_omega), C_omega = I - A W^-1 (similar to the error map I - W^-1 A), by a dense general eigensolver. */
    static double sorRadius(double[][] a, double omega) {
        int n = a.length;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) w[i][j] = a[i][j];
            w[i][i] = a[i][i] / omega;
        }
        RealMatrix winvA = new LUDecomposition(new Array2DRowRealMatrix(w)).getSolver().solve(new Array2DRowRealMatrix(a));
        RealMatrix c = org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(n).subtract(winvA);
        EigenDecomposition e = new EigenDecomposition(c);
        double r = 0;
        double[] re = e.getRealEigenvalues(), im = e.getImagEigenvalues();
        for (int i = 0; i < n; i++) r = Math.max(r, Math.hypot(re[i], im[i]));
        return r;
    }

    @Test
    void youngsOmegaMinimisesTheSorSpectralRadiusOfABruteForceScan() throws Exception {
        for (double c : new double[] {-0.15, 0.45}) {
            SparseSystem a = SparseSystem.laplacian2d(4).shifted(c);
            double[][] d = a.toDense();
            double star = Young.omega(Young.jacobiRadius(a));
            double bestW = 0, best = Double.POSITIVE_INFINITY;
            for (double w = 1.0; w < 1.6; w += 0.001) {
                double r = sorRadius(d, w);
                if (r < best) { best = r; bestW = w; }
            }
            // rho(C_omega) has a kink at omega*; the scan step is 1e-3, eigenvalue defects blur it by a few more
            assertThat(star).as("c = %s", c).isCloseTo(bestW, within(4e-3));
            // and Young's theory: rho(C_omega*) = omega* - 1 (defective eigenvalue, so the solver is accurate to ~1e-4)
            assertThat(sorRadius(d, star)).isCloseTo(star - 1, within(2e-3));
        }
    }

    @Test
    void youngsOmegaNeedsNoMoreIterationsThanAnyScannedOmega() throws Exception {
        SparseSystem a = SparseSystem.laplacian2d(10).shifted(0.1);
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) b[i] = Math.cos(3 * i) + 0.1;
        Sor sor = new Sor(100);
        int atStar = sor.iterations(a, b, Young.omega(Young.jacobiRadius(a)), 1e-8, 10_000);
        int best = Integer.MAX_VALUE;
        for (double w = 1.0; w < 1.99; w += 0.005) best = Math.min(best, sor.iterations(a, b, w, 1e-8, 10_000));
        assertThat(atStar).isLessThanOrEqualTo(best + 3); // the asymptotic optimum; transients allow a few
    }

    @Test
    void jacobiRadiusMatchesTheClosedFormDenseAndIterative() throws Exception {
        // 5-point Laplacian on a g x g grid: rho(J) = cos(pi / (g + 1)); shifted by c: 4 cos(pi/(g+1)) / (4 + c)
        assertThat(Young.jacobiRadius(SparseSystem.laplacian2d(10))).isCloseTo(Math.cos(Math.PI / 11), within(1e-13));
        assertThat(Young.jacobiRadius(SparseSystem.laplacian2d(10).shifted(0.3))).isCloseTo(4 * Math.cos(Math.PI / 11) / 4.3, within(1e-13));
        // n = 625 > DENSE_LIMIT: power iteration on S^2
        assertThat(Young.jacobiRadius(SparseSystem.laplacian2d(25))).isCloseTo(Math.cos(Math.PI / 26), within(1e-9));
        assertThat(Young.omega(0)).isEqualTo(1.0);
    }

    @Test
    void generatorInstancesCarryTheExactRadiusOfTheirMatrix() {
        RelaxInstances gen = new RelaxInstances(ShiftSetting.HIGH, 3);
        for (int t = 0; t < 5; t++) {
            RelaxInstances.Instance in = gen.instance(0, t);
            assertThat(in.jacobi()).isCloseTo(Young.jacobiRadius(in.a()), within(1e-13));
        }
    }
}
