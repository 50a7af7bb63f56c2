package io.tidecast.learners.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimised trainers (blocked / fused loops, factored norms) against a literal, naive transcription of the
 * spec's update equations (§4.1–4.5) with matrices as double[][], over a learning run (η > 0, so the weights,
 * the clipping and every trainer state matter). Agreement to rounding.
 */
class ReferenceTest {
    static final int Q = 6, IN = 5, P = 3, N = Q + IN;
    static final int STEPS = 60;

    /** The naive reference. */
    static final class Ref {
        final RnnTrainer.Algorithm alg;
        final double eta, clip;
        double[][] wa = new double[Q][Q], wb = new double[Q][IN], wc = new double[P][Q];
        double[] x = new double[Q];
        // RTRL
        double[][] j = new double[Q][Q * N];
        // UORO
        double[] xt = new double[Q];
        double[][] tht = new double[Q][N];
        RestorableUniformRandomProvider rng;
        // SnAp-1
        double[][] jbar = new double[Q][N];
        // DNI
        double[][] a;
        double[] xtil = new double[Q + P + 1];

        Ref(RnnTrainer tr) {
            alg = tr.algorithm();
            eta = tr.eta;
            clip = tr.clip;
            for (int i = 0; i < Q; i++) {
                for (int c = 0; c < Q; c++) wa[i][c] = tr.wab[i * N + c];
                for (int c = 0; c < IN; c++) wb[i][c] = tr.wab[i * N + Q + c];
            }
            for (int k = 0; k < P; k++) for (int i = 0; i < Q; i++) wc[k][i] = tr.wc[k * Q + i];
            rng = RandomSource.XO_RO_SHI_RO_128_PP.create(0L);
            rng.restoreState(tr.rng.saveState());
            if (tr instanceof Dni) {
                a = new double[Q + P + 1][Q];
                for (int r = 0; r < Q + P + 1; r++) for (int c = 0; c < Q; c++) a[r][c] = ((Dni) tr).a[r][c];
                xtil[Q + P] = 1.0;
            }
        }

        double[] step(double[] u, double[] y) {
            double[] z = new double[Q], xn = new double[Q], ph = new double[Q];
            for (int i = 0; i < Q; i++) {
                double za = 0, zb = 0;
                for (int c = 0; c < Q; c++) za += wa[i][c] * x[c];
                for (int c = 0; c < IN; c++) zb += wb[i][c] * u[c];
                z[i] = za + zb;
                xn[i] = Math.tanh(z[i]);
                ph[i] = 1 / (Math.cosh(z[i]) * Math.cosh(z[i]));
            }
            double[] yh = new double[P], e = new double[P], gx = new double[Q];
            for (int k = 0; k < P; k++) {
                for (int i = 0; i < Q; i++) yh[k] += wc[k][i] * xn[i];
                e[k] = y[k] - yh[k];
            }
            for (int i = 0; i < Q; i++) for (int k = 0; k < P; k++) gx[i] -= wc[k][i] * e[k];
            double[] v = new double[N];
            System.arraycopy(x, 0, v, 0, Q);
            System.arraycopy(u, 0, v, Q, IN);
            double[][] d = new double[Q][Q];
            for (int i = 0; i < Q; i++) for (int c = 0; c < Q; c++) d[i][c] = ph[i] * wa[i][c];

            double[][] g = new double[Q][N]; // gradient over [W_a W_b]
            switch (alg) {
                case RTRL: {
                    double[][] jn = new double[Q][Q * N];
                    for (int s = 0; s < Q; s++) {
                        for (int col = 0; col < Q * N; col++) {
                            double acc = 0;
                            for (int r = 0; r < Q; r++) acc += d[s][r] * j[r][col];
                            jn[s][col] = acc;
                        }
                        for (int c = 0; c < N; c++) jn[s][s * N + c] += ph[s] * v[c];
                    }
                    j = jn;
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) {
                        for (int s = 0; s < Q; s++) g[i][c] += gx[s] * j[s][i * N + c];
                    }
                    break;
                }
                case SNAP1: {
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) {
                        jbar[i][c] = ph[i] * v[c] + ph[i] * wa[i][i] * jbar[i][c];
                        g[i][c] = gx[i] * jbar[i][c];
                    }
                    break;
                }
                case UORO: {
                    double eps = 1e-7, dotv = 0;
                    for (int i = 0; i < Q; i++) dotv += gx[i] * xt[i];
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) g[i][c] = dotv * tht[i][c];
                    double[] nu = new double[Q];
                    for (int w = 0; w < Q; w += 64) {
                        long bits = rng.nextLong();
                        for (int b = 0; b < Math.min(64, Q - w); b++) nu[w + b] = ((bits >>> b) & 1) == 0 ? 1 : -1;
                    }
                    double[] xp = new double[Q];
                    for (int i = 0; i < Q; i++) {
                        double za = 0, zb = 0;
                        for (int c = 0; c < Q; c++) za += wa[i][c] * (x[c] + eps * xt[c]);
                        for (int c = 0; c < IN; c++) zb += wb[i][c] * u[c];
                        xp[i] = (Math.tanh(za + zb) - xn[i]) / eps;
                    }
                    double[][] dth = new double[Q][N];
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) dth[i][c] = nu[i] * ph[i] * v[c];
                    double rho0 = Math.sqrt(norm(tht) / (norm(xp) + eps)) + eps;
                    double rho1 = Math.sqrt(norm(dth) / (norm(nu) + eps)) + eps;
                    for (int i = 0; i < Q; i++) xt[i] = rho0 * xp[i] + rho1 * nu[i];
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) tht[i][c] = tht[i][c] / rho0 + dth[i][c] / rho1;
                    break;
                }
                case DNI: {
                    int r = Q + P + 1;
                    double[] xnext = new double[r];
                    System.arraycopy(xn, 0, xnext, 0, Q);
                    System.arraycopy(y, 0, xnext, Q, P);
                    xnext[r - 1] = 1;
                    double[] cPrev = rowA(xtil), cNext = rowA(xnext), f = new double[Q], fdt = new double[Q];
                    for (int c = 0; c < Q; c++) {
                        double b = 0;
                        for (int i = 0; i < Q; i++) b += cNext[i] * d[i][c];
                        f[c] = cPrev[c] - gx[c] - b;
                    }
                    for (int i = 0; i < Q; i++) for (int c = 0; c < Q; c++) fdt[i] += f[c] * d[i][c];
                    for (int k = 0; k < r; k++) for (int c = 0; c < Q; c++) a[k][c] -= 0.002 * (xtil[k] * f[c] - xnext[k] * fdt[c]);
                    double[] cc = rowA(xtil);
                    for (int i = 0; i < Q; i++) for (int c = 0; c < N; c++) g[i][c] = cc[i] * ph[i] * v[c];
                    xtil = xnext;
                    break;
                }
                default: throw new AssertionError();
            }
            double[][] gc = new double[P][Q];
            for (int k = 0; k < P; k++) for (int i = 0; i < Q; i++) gc[k][i] = -e[k] * xn[i];
            double nrm = Math.sqrt(sq(g) + sq(gc));
            double s = nrm > clip ? clip / nrm : 1.0;
            for (int i = 0; i < Q; i++) {
                for (int c = 0; c < Q; c++) wa[i][c] -= eta * s * g[i][c];
                for (int c = 0; c < IN; c++) wb[i][c] -= eta * s * g[i][Q + c];
            }
            for (int k = 0; k < P; k++) for (int i = 0; i < Q; i++) wc[k][i] -= eta * s * gc[k][i];
            x = xn;
            return yh;
        }

        double[] rowA(double[] row) {
            double[] out = new double[Q];
            for (int k = 0; k < row.length; k++) for (int c = 0; c < Q; c++) out[c] += row[k] * a[k][c];
            return out;
        }

        static double norm(double[] a) {
            double s = 0;
            for (double v : a) s += v * v;
            return Math.sqrt(s);
        }

        static double norm(double[][] a) {
            return Math.sqrt(sq(a));
        }

        static double sq(double[][] a) {
            double s = 0;
            for (double[] r : a) for (double v : r) s += v * v;
            return s;
        }
    }

    @ParameterizedTest
    @EnumSource(RnnTrainer.Algorithm.class)
    void optimisedTrainerFollowsTheNaiveTranscription(RnnTrainer.Algorithm alg) {
        for (double clip : new double[] {100.0, 0.05}) { // 0.05: the clip fires on most steps
            RnnTrainer tr = RnnTrainer.create(alg, Q, IN, P, 0.05, clip, 0.3, 99L);
            Ref ref = new Ref(tr);
            Random r = new Random(8);
            double[] yh = new double[P];
            double maxDiff = 0;
            for (int t = 0; t < STEPS; t++) {
                double[] u = new double[IN];
                u[0] = 1;
                for (int c = 1; c < IN; c++) u[c] = Math.sin(0.4 * t + c) + 0.2 * r.nextGaussian();
                double[] y = {Math.sin(0.4 * t + 7), Math.cos(0.4 * t), 0.5 * r.nextGaussian()};
                tr.predictAndLearn(u, y, yh);
                double[] yr = ref.step(u, y);
                for (int k = 0; k < P; k++) maxDiff = Math.max(maxDiff, Math.abs(yh[k] - yr[k]));
            }
            for (int i = 0; i < Q; i++) {
                for (int c = 0; c < Q; c++) maxDiff = Math.max(maxDiff, Math.abs(tr.wab[i * N + c] - ref.wa[i][c]));
                for (int c = 0; c < IN; c++) maxDiff = Math.max(maxDiff, Math.abs(tr.wab[i * N + Q + c] - ref.wb[i][c]));
            }
            for (int k = 0; k < P; k++) for (int i = 0; i < Q; i++) maxDiff = Math.max(maxDiff, Math.abs(tr.wc[k * Q + i] - ref.wc[k][i]));
            // UORO's finite-difference tangent divides rounding noise by ε = 1e−7, so it agrees less tightly
            double tol = alg == RnnTrainer.Algorithm.UORO ? 1e-6 : 1e-11;
            assertThat(maxDiff).as("%s clip %s", alg, clip).isLessThan(tol);
        }
    }
}
