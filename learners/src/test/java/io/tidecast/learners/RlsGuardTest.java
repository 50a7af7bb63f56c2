package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The RLS numerical guards: covariance bound, loss of positive definiteness, recovery. */
class RlsGuardTest {
    static final int D = 2;
    static final int K = 3;
    static final int M = 1 + D * K;
    static final LearnerContext CTX = new LearnerContext(D, K, 0, 1L);

    static Rls rls(Map<String, Double> params) {
        return (Rls) Learners.create(new LearnerSpec("g", "rls", K, params), CTX);
    }

    static void feedZeroInputs(Rls rls, int steps) {
        double[] x = new double[M];
        x[0] = 1.0; // only the bias is excited: P grows like lambda^-n in the other m - 1 directions
        double[] y = new double[D];
        for (int t = 0; t < steps; t++) {
            rls.learn(x, y);
        }
    }

    /** Mean squared error over the last 50 of {@code steps} pairs of a fresh noiseless linear target. */
    static double trackingError(Rls rls, long seed, int steps) {
        Random rnd = new Random(seed);
        double[] a = TestData.randomMatrix(rnd, D, M);
        double[] x = new double[M];
        double[] y = new double[D];
        double[] out = new double[D];
        double se = 0;
        for (int t = 0; t < steps; t++) {
            TestData.randomInput(rnd, x);
            TestData.apply(a, D, M, x, y);
            rls.predict(x, out);
            if (t >= steps - 50) {
                for (int i = 0; i < D; i++) {
                    se += (y[i] - out[i]) * (y[i] - out[i]);
                }
            }
            rls.learn(x, y);
        }
        return se / (50 * D);
    }

    @Test
    void withoutTheBoundPOverflowsAndIsResetNotPoisoned() {
        Rls rls = rls(Map.of("lambda", 0.9, "maxTrace", Double.POSITIVE_INFINITY));
        feedZeroInputs(rls, 10_000); // 0.9^-n passes 1e308 after about 6,700 steps
        assertThat(rls.resets()).isPositive();
        assertThat(TestData.allFinite(rls.covariance())).isTrue();
        assertThat(TestData.allFinite(rls.weights())).isTrue();
        assertThat(trackingError(rls, 1, 300)).isLessThan(1e-12);
    }

    @Test
    void theCovarianceBoundStopsWindUpWithoutResets() {
        Rls rls = rls(Map.of("lambda", 0.9));
        double cap = Rls.DEFAULT_TRACE_FACTOR * M / Rls.DEFAULT_DELTA;
        feedZeroInputs(rls, 10_000);
        assertThat(rls.resets()).isZero();
        assertThat(rls.trace()).isLessThanOrEqualTo(cap / 0.9 * (1 + 1e-12)).isGreaterThan(cap * 0.5);
        assertThat(TestData.allFinite(rls.covariance())).isTrue();
        assertThat(trackingError(rls, 2, 300)).isLessThan(1e-12);
    }

    @Test
    void constantInputsStayBoundedAtTheDefaultForgetting() {
        Rls rls = rls(Map.of());
        double[] x = new double[M];
        Arrays.fill(x, 2.0);
        x[0] = 1.0;
        // the constant phase is consistent with the target tracked afterwards (trackingError with seed 3),
        // so any error left later is the guards' fault, not old data the forgetting has not yet discounted
        double[] y = new double[D];
        TestData.apply(TestData.randomMatrix(new Random(3), D, M), D, M, x, y);
        for (int t = 0; t < 20_000; t++) {
            rls.learn(x, y);
        }
        double cap = Rls.DEFAULT_TRACE_FACTOR * M / Rls.DEFAULT_DELTA;
        assertThat(rls.trace()).isLessThanOrEqualTo(cap / Rls.DEFAULT_LAMBDA * (1 + 1e-12));
        assertThat(TestData.allFinite(rls.covariance())).isTrue();
        double[] out = new double[D];
        rls.predict(x, out);
        assertThat(out[0]).isCloseTo(y[0], org.assertj.core.api.Assertions.within(1e-9));
        assertThat(out[1]).isCloseTo(y[1], org.assertj.core.api.Assertions.within(1e-9));
        assertThat(trackingError(rls, 3, 2_000)).isLessThan(1e-8);
    }

    @Test
    void corruptedCovarianceIsDetectedAndResetKeepingTheWeights() {
        double[][] broken = new double[3][];
        broken[0] = identity(-100.0); // finite, negative definite: lambda + x^T P x <= 0
        broken[1] = identity(100.0);
        broken[1][3 * M + 3] = Double.NaN; // a NaN entry
        broken[2] = identity(100.0);
        broken[2][2 * M + 2] = -1e-3; // one negative diagonal entry, x^T P x still positive
        for (double[] p : broken) {
            double[] w = new double[D * M];
            Arrays.fill(w, 0.25);
            Rls rls = new Rls(D, K, 0.99, 0.01, 1e6 * M, w.clone(), p, 500, 0);
            double[] x = new double[M];
            TestData.randomInput(new Random(9), x);
            rls.learn(x, new double[] {1.0, 2.0});
            assertThat(rls.resets()).isEqualTo(1);
            assertThat(TestData.allFinite(rls.covariance())).isTrue();
            assertThat(TestData.allFinite(rls.weights())).isTrue();
            // the counter survives a snapshot
            Rls restored = (Rls) TestData.restore(TestData.snapshot(rls));
            assertThat(restored.resets()).isEqualTo(1);
            // the corrupt step's pair is not on the target: its weight decays like 0.99^n
            assertThat(trackingError(restored, 4, 2_000)).isLessThan(1e-12);
            assertThat(restored.resets()).isEqualTo(1);
        }
    }

    @Test
    void covarianceStaysSymmetric() {
        Rls rls = rls(Map.of("lambda", 0.95));
        trackingError(rls, 5, 1_000);
        double[] p = rls.covariance();
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                assertThat(p[i * M + j]).isEqualTo(p[j * M + i]);
            }
        }
    }

    private static double[] identity(double diag) {
        double[] p = new double[M * M];
        for (int i = 0; i < M; i++) {
            p[i * M + i] = diag;
        }
        return p;
    }
}
