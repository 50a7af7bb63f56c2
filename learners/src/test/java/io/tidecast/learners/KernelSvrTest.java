package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class KernelSvrTest {
    static final int D = 2, K = 3, M = 1 + D * K, N = 60;

    /** A smooth 2-D signal, windows of 3 samples → the next sample. */
    static double[][][] pairs(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] s = new double[N + K + 1][D];
        for (int t = 0; t < s.length; t++) {
            s[t][0] = Math.sin(0.3 * t) + 0.05 * rng.nextDouble();
            s[t][1] = Math.cos(0.2 * t) * 0.5 + 0.05 * rng.nextDouble();
        }
        double[][][] out = new double[N + 1][2][];
        for (int j = 0; j <= N; j++) {
            double[] x = new double[M];
            x[0] = 1;
            for (int a = 0; a < K; a++) for (int c = 0; c < D; c++) x[1 + a * D + c] = s[j + a][c];
            out[j][0] = x;
            out[j][1] = s[j + K].clone();
        }
        return out;
    }

    static KernelSvr fitted(double scale, double eps, double c) {
        KernelSvr svr = KernelSvr.create(new LearnerSpec("svr", "svr", K,
                Map.of("kernelScale", scale, "epsilon", eps, "C", c, "fitPairs", (double) N)), new LearnerContext(D, K, 0, 1));
        double[][][] p = pairs(7);
        for (int j = 0; j < N; j++) svr.learn(p[j][0], p[j][1]);
        return svr;
    }

    @Test
    void theFitSatisfiesTheEpsilonSvrOptimalityConditions() {
        double eps = 0.02, c = 10, tol = 5 * KernelSvr.TOLERANCE;
        KernelSvr svr = fitted(1.5, eps, c);
        assertThat(svr.fitted()).isTrue();
        double[][][] p = pairs(7);
        double[] f = new double[D];
        // the dual coefficients of each coordinate sum to zero and lie in [-C, C]; residuals obey the KKT conditions
        for (int cc = 0; cc < D; cc++) assertThat(svr.supportVectors(cc)).isBetween(1, N);
        int interior = 0;
        for (int j = 0; j < N; j++) {
            svr.predict(p[j][0], f);
            for (int cc = 0; cc < D; cc++) {
                double r = p[j][1][cc] - f[cc];
                double a = svr.coefficient(cc, j);
                assertThat(Math.abs(a)).isLessThanOrEqualTo(c + 1e-9);
                if (a == 0) {
                    assertThat(Math.abs(r)).as("non-support vector inside the tube").isLessThanOrEqualTo(eps + tol);
                } else if (Math.abs(a) < c - 1e-9) {
                    interior++;
                    assertThat(Math.abs(r)).as("free support vector on the tube's edge").isCloseTo(eps, org.assertj.core.data.Offset.offset(tol));
                    assertThat(Math.signum(a)).isEqualTo(Math.signum(r));
                } else {
                    assertThat(Math.abs(r)).as("bounded support vector outside the tube").isGreaterThanOrEqualTo(eps - tol);
                }
            }
        }
        assertThat(interior).isPositive();
        for (int cc = 0; cc < D; cc++) {
            double sum = 0;
            for (int j = 0; j < N; j++) sum += svr.coefficient(cc, j);
            assertThat(sum).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void forecastsEqualLibsvmsOwnPrediction() {
        KernelSvr svr = fitted(2.0, 0.01, 100);
        double[][][] p = pairs(7);
        svm_problem prob = new svm_problem();
        prob.l = N;
        prob.x = new svm_node[N][];
        prob.y = new double[N];
        for (int j = 0; j < N; j++) prob.x[j] = nodes(p[j][0]);
        svm_parameter par = new svm_parameter();
        par.svm_type = svm_parameter.EPSILON_SVR;
        par.kernel_type = svm_parameter.RBF;
        par.gamma = 1 / 4.0;
        par.C = 100;
        par.p = 0.01;
        par.eps = 1e-3;
        par.cache_size = 32;
        par.shrinking = 1;
        double[] out = new double[D];
        double[] x = pairs(11)[N][0]; // an input it was not fitted on
        svr.predict(x, out);
        for (int c = 0; c < D; c++) {
            for (int j = 0; j < N; j++) prob.y[j] = p[j][1][c];
            svm_model model = svm.svm_train(prob, par);
            assertThat(out[c]).isCloseTo(svm.svm_predict(model, nodes(x)), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void repeatsTheLastValueUntilFittedAndIsFrozenAfterwards() {
        KernelSvr svr = KernelSvr.create(new LearnerSpec("svr", "svr", K, Map.of("fitPairs", 5.0)), new LearnerContext(D, K, 0, 1));
        double[][][] p = pairs(3);
        double[] out = new double[D];
        svr.predict(p[0][0], out);
        assertThat(out).containsExactly(p[0][0][M - 2], p[0][0][M - 1]);
        for (int j = 0; j < 5; j++) svr.learn(p[j][0], p[j][1]);
        assertThat(svr.fitted()).isTrue();
        double[] before = new double[D], after = new double[D];
        svr.predict(p[9][0], before);
        svr.learn(p[9][0], new double[] {100, -100});
        svr.predict(p[9][0], after);
        assertThat(after).containsExactly(before);
    }

    @Test
    void rejectsMeaninglessParameters() {
        assertThatThrownBy(() -> KernelSvr.create(new LearnerSpec("svr", "svr", K, Map.of("kernelScale", 0.0)), new LearnerContext(D, K, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernelScale");
    }

    private static svm_node[] nodes(double[] x) {
        svm_node[] r = new svm_node[x.length];
        for (int j = 0; j < x.length; j++) {
            r[j] = new svm_node();
            r[j].index = j + 1;
            r[j].value = x[j];
        }
        return r;
    }
}
