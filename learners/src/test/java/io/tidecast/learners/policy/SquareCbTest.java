package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** SquareCB with the per-arm ridge oracle, checked against batch formulas recomputed from the whole history. */
class SquareCbTest {
    static final int N = 3;
    static final int M = 4;

    static double[] cheb(double c) {
        double z = Math.max(-1, Math.min(1, 2 * c - 1));
        double[] f = new double[M];
        f[0] = 1;
        f[1] = z;
        for (int j = 2; j < M; j++) f[j] = 2 * z * f[j - 1] - f[j - 2];
        return f;
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting (A is copied). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[piv][k])) piv = i;
            double[] tr = a[k]; a[k] = a[piv]; a[piv] = tr;
            double tb = b[k]; b[k] = b[piv]; b[piv] = tb;
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j < n; j++) a[i][j] -= f * a[k][j];
                b[i] -= f * b[k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= a[i][j] * x[j];
            x[i] = s / a[i][i];
        }
        return x;
    }

    @Test
    void matchesBatchRidgeAndTheEtaSchedule() {
        double lambda = 0.5;
        SquareCb p = (SquareCb) Policies.create(new PolicySpec("squarecb", N, 5,
                Map.of("terms", (double) M, "lambda", lambda)));
        double[] q = new double[N];
        double[] ctx = {0.3};
        p.probabilities(ctx, q);
        assertThat(q).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15)); // eta = 0
        assertThat(p.eta()).isZero();

        SplittableRandom env = new SplittableRandom(2);
        List<double[]> feats = new ArrayList<>();
        List<Integer> arms = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        List<Double> preds = new ArrayList<>();
        double[] pr = new double[N];
        int T = 300;
        for (int t = 0; t < T; t++) {
            ctx[0] = env.nextDouble();
            p.predictions(ctx, pr);
            int arm = p.pick(ctx);
            p.probabilities(ctx, q);
            double cost = 1 + 3 * Math.abs(ctx[0] - 0.4 * arm) + env.nextDouble();
            feats.add(cheb(ctx[0]));
            arms.add(arm);
            costs.add(cost);
            preds.add(pr[arm]);
            p.update(ctx, arm, cost, q[arm]);
        }

        double max = costs.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
        double min = costs.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
        double scale = max * (2 + 4 * (max - min) / max * (1 + Math.log(M)));
        assertThat(p.scale()).isCloseTo(scale, within(1e-12 * scale));

        // batch ridge per arm on (cost - 1)/scale: theta = (lambda I + F^T F)^-1 F^T y
        double[] probe = {0.77};
        p.predictions(probe, pr);
        double[] fp = cheb(probe[0]);
        for (int a = 0; a < N; a++) {
            double[][] A = new double[M][M];
            double[] rhs = new double[M];
            for (int i = 0; i < M; i++) A[i][i] = lambda;
            for (int s = 0; s < T; s++) {
                if (arms.get(s) != a) continue;
                double[] f = feats.get(s);
                double y = (costs.get(s) - 1) / scale;
                for (int i = 0; i < M; i++) {
                    rhs[i] += y * f[i];
                    for (int j = 0; j < M; j++) A[i][j] += f[i] * f[j];
                }
            }
            double[] theta = solve(A, rhs);
            double expect = 0;
            for (int i = 0; i < M; i++) expect += theta[i] * fp[i];
            assertThat(pr[a]).as("arm %d", a).isCloseTo(expect, within(1e-10));
        }

        // eta = 2t sqrt(N t / (R + 2 alpha^2 t)) with R over the whole history at the current scale
        double r = 0;
        for (int s = 0; s < T; s++) {
            double d = preds.get(s) - (costs.get(s) - 1) / scale;
            r += d * d;
        }
        double alpha = (Math.PI + 2 / Math.PI * Math.log(2 * M + 1)) / (2 * scale * (M + 1)) * (max - min);
        double eta = 2.0 * T * Math.sqrt(N * (double) T / (r + 2 * alpha * alpha * T));
        assertThat(p.eta()).isCloseTo(eta, within(1e-9 * eta));

        // inverse-gap weighting
        p.probabilities(probe, q);
        int best = 0;
        for (int a = 1; a < N; a++) if (pr[a] < pr[best]) best = a;
        double others = 0;
        for (int a = 0; a < N; a++) {
            if (a == best) continue;
            double expect = 1 / (N + eta * (pr[a] - pr[best]));
            assertThat(q[a]).isCloseTo(expect, within(1e-9 * expect));
            others += expect;
        }
        assertThat(q[best]).isCloseTo(1 - others, within(1e-9));
    }

    @Test
    void linearFeaturesForVectorContexts() {
        ContextualBanditPolicy p = Policies.createContextual(new PolicySpec("squarecb", 2, 1, Map.of("contextDim", 3.0)));
        assertThat(p.contextDim()).isEqualTo(3);
        SplittableRandom env = new SplittableRandom(4);
        double[] ctx = new double[3];
        double[] q = new double[2];
        for (int t = 0; t < 2000; t++) {
            for (int i = 0; i < 3; i++) ctx[i] = env.nextDouble();
            int arm = p.pick(ctx);
            p.probabilities(ctx, q);
            double cost = 1 + (arm == 0 ? ctx[0] : 1 - ctx[0]);
            p.update(ctx, arm, cost, q[arm]);
        }
        p.probabilities(new double[] {0.05, 0.5, 0.5}, q);
        assertThat(q[0]).isGreaterThan(0.9);
        p.probabilities(new double[] {0.95, 0.5, 0.5}, q);
        assertThat(q[1]).isGreaterThan(0.9);
    }
}
