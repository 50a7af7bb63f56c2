package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** Each learner against the closed form it is supposed to compute, solved directly with Commons Math. */
class ClosedFormTest {
    static final int D = 2;
    static final int K = 3;
    static final int M = 1 + D * K;
    static final LearnerContext CTX = new LearnerContext(D, K, 0, 1L);

    static OnlineRegressor create(String kind, Map<String, Double> params) {
        return Learners.create(new LearnerSpec("cf", kind, K, params), CTX);
    }

    /** N x M inputs (rows x_i) and N x D targets (rows y_i, noisy linear). */
    static RealMatrix[] data(long seed, int n) {
        Random rnd = new Random(seed);
        double[] a = TestData.randomMatrix(rnd, D, M);
        RealMatrix x = new Array2DRowRealMatrix(n, M);
        RealMatrix y = new Array2DRowRealMatrix(n, D);
        double[] xi = new double[M];
        double[] yi = new double[D];
        for (int i = 0; i < n; i++) {
            TestData.randomInput(rnd, xi);
            TestData.apply(a, D, M, xi, yi);
            for (int r = 0; r < D; r++) {
                yi[r] += 0.3 * rnd.nextGaussian();
            }
            x.setRow(i, xi);
            y.setRow(i, yi);
        }
        return new RealMatrix[] {x, y};
    }

    static void feed(OnlineRegressor l, RealMatrix x, RealMatrix y) {
        for (int i = 0; i < x.getRowDimension(); i++) {
            l.learn(x.getRow(i), y.getRow(i));
        }
    }

    /** W (d x m, row-major) from W^T (m x d). */
    static double[] rowMajor(RealMatrix wt) {
        double[] w = new double[D * M];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < M; j++) {
                w[i * M + j] = wt.getEntry(j, i);
            }
        }
        return w;
    }

    static void assertRelClose(double[] actual, double[] expected, double rel) {
        assertThat(TestData.maxAbsDiff(actual, expected)).isLessThanOrEqualTo(rel * TestData.maxAbs(expected));
    }

    @Test
    void rlsWithForgettingEqualsExponentiallyWeightedLeastSquares() {
        for (double lambda : new double[] {0.98, 0.999, 1.0}) {
            double delta = 0.5;
            int n = 300;
            RealMatrix[] xy = data(21, n);
            RealMatrix x = xy[0];
            RealMatrix y = xy[1];
            Rls rls = (Rls) create("rls", Map.of("lambda", lambda, "delta", delta));
            feed(rls, x, y);

            // argmin sum_i lambda^(n-i) |y_i - W x_i|^2 + lambda^n delta |W|^2
            RealMatrix a = MatrixUtils.createRealIdentityMatrix(M).scalarMultiply(Math.pow(lambda, n) * delta);
            RealMatrix b = new Array2DRowRealMatrix(M, D);
            for (int i = 1; i <= n; i++) {
                double wgt = Math.pow(lambda, n - i);
                RealMatrix xi = x.getRowMatrix(i - 1);
                a = a.add(xi.transpose().multiply(xi).scalarMultiply(wgt));
                b = b.add(xi.transpose().multiply(y.getRowMatrix(i - 1)).scalarMultiply(wgt));
            }
            RealMatrix wt = new LUDecomposition(a).getSolver().solve(b);
            assertRelClose(rls.weights(), rowMajor(wt), 1e-8);
            assertThat(rls.resets()).isZero();
        }
    }

    @Test
    void onlineRidgeEqualsBatchRidge() {
        double lambda = 2.5;
        RealMatrix[] xy = data(23, 150);
        RealMatrix x = xy[0];
        RealMatrix y = xy[1];
        Ridge ridge = (Ridge) create("ridge", Map.of("lambda", lambda));
        feed(ridge, x, y);
        RealMatrix a = x.transpose().multiply(x).add(MatrixUtils.createRealIdentityMatrix(M).scalarMultiply(lambda));
        RealMatrix wt = new LUDecomposition(a).getSolver().solve(x.transpose().multiply(y));
        assertRelClose(ridge.weights(), rowMajor(wt), 1e-9);
        assertThat(ridge.recoveries()).isZero();
    }

    @Test
    void ridgeRecoversExactlyFromABrokenInverse() throws Exception {
        double lambda = 1.0;
        RealMatrix[] xy = data(29, 100);
        RealMatrix x = xy[0];
        RealMatrix y = xy[1];
        Ridge ridge = (Ridge) create("ridge", Map.of("lambda", lambda));
        for (int i = 0; i < 60; i++) {
            ridge.learn(x.getRow(i), y.getRow(i));
        }
        // corrupt P through the state: overwrite its first diagonal entry with a negative number
        java.lang.reflect.Field pf = Ridge.class.getDeclaredField("p");
        pf.setAccessible(true);
        ((double[]) pf.get(ridge))[0] = -1.0;
        for (int i = 60; i < 100; i++) {
            ridge.learn(x.getRow(i), y.getRow(i));
        }
        assertThat(ridge.recoveries()).isPositive();
        RealMatrix a = x.transpose().multiply(x).add(MatrixUtils.createRealIdentityMatrix(M).scalarMultiply(lambda));
        RealMatrix wt = new LUDecomposition(a).getSolver().solve(x.transpose().multiply(y));
        assertRelClose(ridge.weights(), rowMajor(wt), 1e-9);
    }

    @Test
    void olsEqualsLeastSquaresOnAFullRankWarmUp() {
        int n = 60;
        RealMatrix[] xy = data(31, n + 50);
        RealMatrix x = xy[0];
        RealMatrix y = xy[1];
        WarmupOls ols = (WarmupOls) create("ols", Map.of("fitPairs", (double) n));
        double[] out = new double[D];
        for (int i = 0; i < n; i++) {
            double[] xi = x.getRow(i);
            assertThat(ols.fitted()).isFalse();
            ols.predict(xi, out);
            assertThat(out).as("last-value fallback before the fit").containsExactly(xi[M - 2], xi[M - 1]);
            ols.learn(xi, y.getRow(i));
        }
        assertThat(ols.fitted()).isTrue();
        RealMatrix xs = x.getSubMatrix(0, n - 1, 0, M - 1);
        RealMatrix ys = y.getSubMatrix(0, n - 1, 0, D - 1);
        RealMatrix wt = new QRDecomposition(xs).getSolver().solve(ys);
        double[] fitted = ols.weights();
        assertRelClose(fitted, rowMajor(wt), 1e-9);
        // frozen afterwards
        for (int i = n; i < n + 50; i++) {
            ols.learn(x.getRow(i), y.getRow(i));
        }
        assertThat(ols.weights()).containsExactly(fitted);
        assertThat(ols.pairs()).isEqualTo(n);
    }

    @Test
    void olsEqualsThePseudoInverseSolutionOnARankDeficientWarmUp() {
        int n = 40;
        RealMatrix[] xy = data(37, n);
        RealMatrix x = xy[0];
        RealMatrix y = xy[1];
        for (int i = 0; i < n; i++) { // two duplicated regressors and one that is always zero: rank m - 2
            x.setEntry(i, 3, x.getEntry(i, 2));
            x.setEntry(i, 5, 0.0);
        }
        WarmupOls ols = (WarmupOls) create("ols", Map.of("fitPairs", (double) n));
        feed(ols, x, y);
        assertThat(ols.fitted()).isTrue();
        // minimum-norm least squares: pinv(X) Y, from the SVD of the data matrix itself
        SingularValueDecomposition svd = new SingularValueDecomposition(x);
        double[] s = svd.getSingularValues();
        RealMatrix sInv = new Array2DRowRealMatrix(s.length, s.length);
        for (int l = 0; l < s.length; l++) {
            sInv.setEntry(l, l, s[l] > 1e-10 * s[0] ? 1.0 / s[l] : 0.0);
        }
        RealMatrix pinvX = svd.getV().multiply(sInv).multiply(svd.getUT());
        double[] expected = rowMajor(pinvX.multiply(y));
        assertRelClose(ols.weights(), expected, 1e-8);
        double[] w = ols.weights();
        for (int i = 0; i < D; i++) {
            assertThat(w[i * M + 2]).isCloseTo(w[i * M + 3], within(1e-9)); // minimum norm splits evenly
            assertThat(w[i * M + 5]).isCloseTo(0.0, within(1e-9));
        }
    }

    @Test
    void pinvUsesMatlabTolerance() {
        // singular values 1 and 1e-17: the second is below max(size) * sigma_max * eps (about 4.4e-16) and dropped
        RealMatrix a = MatrixUtils.createRealDiagonalMatrix(new double[] {1.0, 1e-17});
        RealMatrix p = WarmupOls.pinv(a);
        assertThat(p.getEntry(0, 0)).isEqualTo(1.0);
        assertThat(p.getEntry(1, 1)).isEqualTo(0.0);
        RealMatrix b = MatrixUtils.createRealDiagonalMatrix(new double[] {1.0, 1e-15});
        assertThat(WarmupOls.pinv(b).getEntry(1, 1)).isCloseTo(1e15, within(1.0));
    }

    @Test
    void olsFitPairsDefaults() {
        WarmupOls fromCtx = (WarmupOls) Learners.create(new LearnerSpec("o", "ols", K, Map.of()), new LearnerContext(D, K, 25, 0));
        assertThat(fromCtx.fitPairs()).isEqualTo(25);
        WarmupOls noWarmup = (WarmupOls) Learners.create(new LearnerSpec("o", "ols", K, Map.of()), new LearnerContext(D, K, 0, 0));
        assertThat(noWarmup.fitPairs()).isEqualTo(M);
    }

    @Test
    void lmsHandComputedTwoSteps() {
        LearnerContext ctx = new LearnerContext(1, 1, 0, 0);
        Lms lms = (Lms) Learners.create(new LearnerSpec("l", "lms", 1, Map.of("eta", 0.1, "clip", 5.0)), ctx);
        // step 1: x = [1, 1], y = 3, W = 0 -> e = 3, G = -[3, 3], |G| = 4.24 <= 5: W = 0.1 * [3, 3]
        lms.learn(new double[] {1, 1}, new double[] {3});
        assertThat(lms.weights()).containsExactly(new double[] {0.3, 0.3}, within(1e-15));
        // step 2: x = [1, -1], y = 10 -> yhat = 0, e = 10, G = -[10, -10], |G| = 10 sqrt 2 > 5: clipped to norm 5
        // W = [0.3, 0.3] + 0.1 * 5 / (10 sqrt 2) * [10, -10] = [0.3 + 0.5/sqrt 2, 0.3 - 0.5/sqrt 2]
        lms.learn(new double[] {1, -1}, new double[] {10});
        double c = 0.5 / Math.sqrt(2);
        assertThat(lms.weights()).containsExactly(new double[] {0.3 + c, 0.3 - c}, within(1e-15));
        double[] out = new double[1];
        lms.predict(new double[] {1, 2}, out);
        assertThat(out[0]).isCloseTo(0.3 + c + 2 * (0.3 - c), within(1e-15));
    }

    @Test
    void lmsMatchesTheMatrixFormulaWithMultipleOutputs() {
        // reference: the published update written with matrices, on data large enough to clip most steps
        Lms lms = (Lms) create("lms", Map.of("eta", 0.01, "clip", 3.0));
        RealMatrix w = new Array2DRowRealMatrix(D, M);
        RealMatrix[] xy = data(41, 200);
        int clipped = 0;
        for (int i = 0; i < 200; i++) {
            RealMatrix x = xy[0].getRowMatrix(i).transpose(); // m x 1
            RealMatrix y = xy[1].getRowMatrix(i).transpose().scalarMultiply(4); // d x 1
            RealMatrix e = y.subtract(w.multiply(x));
            RealMatrix g = e.multiply(x.transpose()).scalarMultiply(-1);
            double norm = g.getFrobeniusNorm();
            if (norm > 3.0) {
                g = g.scalarMultiply(3.0 / norm);
                clipped++;
            }
            w = w.subtract(g.scalarMultiply(0.01));
            lms.learn(x.getColumn(0), y.getColumn(0));
        }
        assertThat(clipped).isBetween(10, 190);
        double[] expected = new double[D * M];
        for (int i = 0; i < D; i++) {
            System.arraycopy(w.getRow(i), 0, expected, i * M, M);
        }
        assertRelClose(lms.weights(), expected, 1e-12);
    }

    @Test
    void nlmsHandComputedStep() {
        LearnerContext ctx = new LearnerContext(1, 1, 0, 0);
        Nlms nlms = (Nlms) Learners.create(new LearnerSpec("n", "nlms", 1, Map.of("mu", 0.5, "eps", 1.0)), ctx);
        // x = [1, 2], y = 6: e = 6, step = 0.5 / (1 + 5) -> W = [0.5, 1.0]
        nlms.learn(new double[] {1, 2}, new double[] {6});
        assertThat(nlms.weights()).containsExactly(new double[] {0.5, 1.0}, within(1e-15));
    }
}
