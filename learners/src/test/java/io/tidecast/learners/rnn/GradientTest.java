package io.tidecast.learners.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Exactness of the trainers' gradients against an independent backpropagation through time, with the weights
 * frozen (η = 0) so that the only thing that differs between the methods is how ∂x/∂θ is carried forward.
 */
class GradientTest {
    static final int Q = 4, M = 5, P = 2, T = 6;
    static final int IN = M + 1, N = Q + IN;

    /** A random problem: weights (std 0.5, large enough for the non-linearity to matter), inputs, targets. */
    static final class Problem {
        final double[] wab = new double[Q * N];
        final double[] wc = new double[P * Q];
        final double[][] u = new double[T][IN];
        final double[][] y = new double[T][P];

        Problem(long seed, double std) {
            Random r = new Random(seed);
            for (int k = 0; k < wab.length; k++) wab[k] = std * r.nextGaussian();
            for (int k = 0; k < wc.length; k++) wc[k] = std * r.nextGaussian();
            for (int t = 0; t < T; t++) {
                u[t][0] = 1.0;
                for (int j = 1; j < IN; j++) u[t][j] = r.nextGaussian();
                for (int k = 0; k < P; k++) y[t][k] = r.nextGaussian();
            }
        }

        /** Hidden states x_0 … x_T under weights w (x_0 = 0), computed independently of the trainers. */
        double[][] states(double[] w) {
            double[][] xs = new double[T + 1][Q];
            for (int t = 1; t <= T; t++) {
                for (int i = 0; i < Q; i++) {
                    double z = 0;
                    for (int j = 0; j < Q; j++) z += w[i * N + j] * xs[t - 1][j];
                    for (int j = 0; j < IN; j++) z += w[i * N + Q + j] * u[t - 1][j];
                    xs[t][i] = Math.tanh(z);
                }
            }
            return xs;
        }

        /** L_T = ½‖y_T − W_c x_T‖² under [W_a W_b] = w. */
        double lossT(double[] w) {
            double[] xT = states(w)[T];
            double l = 0;
            for (int k = 0; k < P; k++) {
                double yh = 0;
                for (int i = 0; i < Q; i++) yh += wc[k * Q + i] * xT[i];
                l += 0.5 * (y[T - 1][k] - yh) * (y[T - 1][k] - yh);
            }
            return l;
        }

        /** g_x at step T: −W_cᵀ (y_T − W_c x_T). */
        double[] gxT() {
            double[] xT = states(wab)[T];
            double[] g = new double[Q];
            for (int k = 0; k < P; k++) {
                double yh = 0;
                for (int i = 0; i < Q; i++) yh += wc[k * Q + i] * xT[i];
                double e = y[T - 1][k] - yh;
                for (int i = 0; i < Q; i++) g[i] -= wc[k * Q + i] * e;
            }
            return g;
        }

        /** BPTT: ∂(cᵀ x_tau)/∂[W_a W_b], row-major q × n. */
        double[] bptt(double[] c, int tau) {
            double[][] xs = states(wab);
            double[] grad = new double[Q * N];
            double[] dx = c.clone();
            for (int t = tau; t >= 1; t--) {
                double[] dz = new double[Q];
                for (int i = 0; i < Q; i++) dz[i] = dx[i] * (1 - xs[t][i] * xs[t][i]);
                for (int i = 0; i < Q; i++) {
                    for (int j = 0; j < Q; j++) grad[i * N + j] += dz[i] * xs[t - 1][j];
                    for (int j = 0; j < IN; j++) grad[i * N + Q + j] += dz[i] * u[t - 1][j];
                }
                double[] prev = new double[Q];
                for (int j = 0; j < Q; j++) for (int i = 0; i < Q; i++) prev[j] += wab[i * N + j] * dz[i];
                dx = prev;
            }
            return grad;
        }

        /** Runs a frozen trainer over the T steps and returns its [W_a W_b] gradient estimate at step T. */
        double[] trainerGradientT(RnnTrainer tr) {
            System.arraycopy(wab, 0, tr.wab, 0, wab.length);
            System.arraycopy(wc, 0, tr.wc, 0, wc.length);
            double[] g = new double[Q * N];
            tr.gradientCapture = g;
            for (int t = 0; t < T; t++) tr.predictAndLearn(u[t], y[t], null);
            return g;
        }
    }

    static double relErr(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int k = 0; k < a.length; k++) {
            d += (a[k] - b[k]) * (a[k] - b[k]);
            s += b[k] * b[k];
        }
        return Math.sqrt(d / s);
    }

    static double maxRelErr(double[] a, double[] b) {
        double scale = 0, d = 0;
        for (int k = 0; k < a.length; k++) {
            scale = Math.max(scale, Math.abs(b[k]));
            d = Math.max(d, Math.abs(a[k] - b[k]));
        }
        return d / scale;
    }

    @Test
    void rtrlEqualsBpttAndFiniteDifferences() {
        for (long seed = 1; seed <= 5; seed++) {
            Problem pr = new Problem(seed, 0.5);
            RnnTrainer rtrl = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, Q, IN, P, 0.0, seed);
            double[] g = pr.trainerGradientT(rtrl);
            // the trainer's g_x at step T matches the independent one
            assertThat(maxRelErr(rtrl.gx, pr.gxT())).isLessThan(1e-12);
            double[] exact = pr.bptt(pr.gxT(), T);
            assertThat(relErr(g, exact)).as("RTRL vs BPTT, seed %d", seed).isLessThan(1e-8);
            assertThat(maxRelErr(g, exact)).isLessThan(1e-8);

            // central finite differences of L_T
            double[] fd = new double[Q * N];
            double h = 1e-5;
            for (int k = 0; k < fd.length; k++) {
                double[] w = pr.wab.clone();
                w[k] += h;
                double lp = pr.lossT(w);
                w[k] -= 2 * h;
                double lm = pr.lossT(w);
                fd[k] = (lp - lm) / (2 * h);
            }
            assertThat(maxRelErr(g, fd)).as("RTRL vs central differences, seed %d", seed).isLessThan(1e-7);
        }
    }

    @Test
    void rtrlGradientIsExactAtEveryStepAndSizeWithBlocking() {
        // A shape whose q·n is not a multiple of the block width and q not a multiple of 4.
        int q = 7, in = 9, p = 3;
        RnnTrainer rtrl = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, in, p, 0.0, 3L);
        RnnTrainer snap = RnnTrainer.create(RnnTrainer.Algorithm.SNAP1, q, in, p, 0.0, 3L);
        // diagonal W_a, same weights in both
        Random r = new Random(11);
        int n = q + in;
        for (int i = 0; i < q; i++) for (int j = 0; j < n; j++) {
            double val = (j < q && j != i) ? 0.0 : 0.7 * r.nextGaussian();
            rtrl.wab[i * n + j] = val;
            snap.wab[i * n + j] = val;
        }
        for (int k = 0; k < q * p; k++) rtrl.wc[k] = snap.wc[k] = 0.5 * r.nextGaussian();
        double[] g1 = new double[q * n], g2 = new double[q * n];
        rtrl.gradientCapture = g1;
        snap.gradientCapture = g2;
        for (int t = 0; t < 30; t++) {
            double[] u = new double[in];
            u[0] = 1;
            for (int j = 1; j < in; j++) u[j] = r.nextGaussian();
            double[] y = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            rtrl.predictAndLearn(u, y, null);
            snap.predictAndLearn(u, y, null);
            assertThat(maxRelErr(g2, g1)).as("SnAp-1 vs RTRL with diagonal W_a, step %d", t).isLessThan(1e-12);
        }
    }

    @Test
    void snap1EqualsRtrlWhenWaIsDiagonal() {
        for (long seed = 1; seed <= 5; seed++) {
            Problem pr = new Problem(seed, 0.5);
            for (int i = 0; i < Q; i++) for (int j = 0; j < Q; j++) if (i != j) pr.wab[i * N + j] = 0.0;
            double[] gs = pr.trainerGradientT(RnnTrainer.create(RnnTrainer.Algorithm.SNAP1, Q, IN, P, 0.0, seed));
            double[] gr = pr.trainerGradientT(RnnTrainer.create(RnnTrainer.Algorithm.RTRL, Q, IN, P, 0.0, seed));
            assertThat(maxRelErr(gs, gr)).isLessThan(1e-12);
            assertThat(relErr(gs, pr.bptt(pr.gxT(), T))).isLessThan(1e-8);
        }
        // ... and differs when it is not
        Problem pr = new Problem(9, 0.5);
        double[] gs = pr.trainerGradientT(RnnTrainer.create(RnnTrainer.Algorithm.SNAP1, Q, IN, P, 0.0, 9));
        assertThat(relErr(gs, pr.bptt(pr.gxT(), T))).isGreaterThan(1e-3);
    }

    /**
     * UORO's estimate at step T is (g_{x,T}ᵀ x̃_{T−1}) θ̃_{T−1}: the previous step's tangents, i.e. an unbiased
     * (over ν) estimate of g_{x,T}ᵀ ∂x_{T−1}/∂θ — g_x taken at step T, the influence matrix of step T−1. That
     * exact quantity is BPTT of the functional g_{x,T}ᵀ x_{T−1}, which is what the mean over independent ν streams
     * is compared with. (It is not ∇L_T: the immediate term and the last transition are missing, as in the
     * authors' code.) The finite-difference tangent (ε = 1e−7) adds a bias far below the tolerance.
     */
    @Test
    void uoroIsUnbiasedForTheLaggedGradient() {
        Problem pr = new Problem(21, 0.5);
        double[] exact = pr.bptt(pr.gxT(), T - 1);
        int runs = Integer.getInteger("uoro.runs", 100_000), d = Q * N;
        double[] sum = new double[d], sumSq = new double[d];
        for (int s = 0; s < runs; s++) {
            double[] g = pr.trainerGradientT(RnnTrainer.create(RnnTrainer.Algorithm.UORO, Q, IN, P, 0.0, 1000L + s));
            for (int k = 0; k < d; k++) {
                sum[k] += g[k];
                sumSq[k] += g[k] * g[k];
            }
        }
        double[] mean = new double[d];
        double totalVar = 0, err2 = 0, ex2 = 0;
        for (int k = 0; k < d; k++) {
            mean[k] = sum[k] / runs;
            totalVar += (sumSq[k] / runs - mean[k] * mean[k]) * runs / (runs - 1.0);
            err2 += (mean[k] - exact[k]) * (mean[k] - exact[k]);
            ex2 += exact[k] * exact[k];
        }
        // E‖mean − exact‖² = Σ_k Var_k / runs for an unbiased estimator; allow 3× that standard error (in norm)
        double se = Math.sqrt(totalVar / runs);
        double err = Math.sqrt(err2), rel = err / Math.sqrt(ex2);
        System.out.printf("UORO: |mean-exact| = %.4g, expected (std err) %.4g, relative error %.4g, single-run rel std %.3g%n",
                err, se, rel, Math.sqrt(totalVar / ex2));
        assertThat(err).isLessThan(3 * se);
        // the bound is informative: a few per cent of the gradient
        assertThat(3 * se / Math.sqrt(ex2)).isLessThan(0.1);
        // a single run is far off (so averaging is what makes it agree)
        assertThat(Math.sqrt(totalVar / ex2)).isGreaterThan(0.3);
        // and the lagged quantity is not the same as the full gradient (the test does tell them apart)
        assertThat(relErr(pr.bptt(pr.gxT(), T), exact)).isGreaterThan(3 * se / Math.sqrt(ex2));
    }
}
