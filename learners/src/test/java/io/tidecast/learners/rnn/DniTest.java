package io.tidecast.learners.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The synthetic-gradient model of DNI: its update is the full gradient of ½‖f‖², and it fits what it can represent. */
class DniTest {
    static final int Q = 5, IN = 4, P = 2, R = Q + P + 1, N = Q + IN;

    private static Dni dni() {
        return (Dni) RnnTrainer.create(RnnTrainer.Algorithm.DNI, Q, IN, P, 0.0, 7L);
    }

    /** Random x̃_{t−1}, x̃_t (last entry 1), φ′ ∈ (0.2, 1] and W_a scaled so that D_t is a contraction. */
    private static void randomTransition(Dni d, Random r) {
        for (int k = 0; k < R - 1; k++) {
            d.xtPrev[k] = r.nextGaussian();
            d.xtCur[k] = r.nextGaussian();
        }
        d.xtPrev[R - 1] = 1.0;
        d.xtCur[R - 1] = 1.0;
        for (int i = 0; i < Q; i++) d.dphi[i] = 0.2 + 0.8 * r.nextDouble();
    }

    /** f = x̃_{t−1} A − g − (x̃_t A) D_t computed naively. */
    private static double[] f(double[] a, double[] xp, double[] xc, double[] g, double[] dphi, double[] wab) {
        double[] f = new double[Q];
        for (int j = 0; j < Q; j++) {
            double ap = 0, bootstrap = 0;
            for (int k = 0; k < R; k++) ap += xp[k] * a[k * Q + j];
            for (int i = 0; i < Q; i++) {
                double ac = 0;
                for (int k = 0; k < R; k++) ac += xc[k] * a[k * Q + i];
                bootstrap += ac * dphi[i] * wab[i * N + j];
            }
            f[j] = ap - g[j] - bootstrap;
        }
        return f;
    }

    private static double halfSq(double[] f) {
        double s = 0;
        for (double v : f) s += 0.5 * v * v;
        return s;
    }

    @Test
    void updateIsTheFullGradientOfTheSquaredResidual() {
        Random r = new Random(5);
        Dni d = dni();
        for (int k = 0; k < d.wab.length; k++) d.wab[k] = 0.4 * r.nextGaussian();
        randomTransition(d, r);
        double[] g = new double[Q];
        for (int i = 0; i < Q; i++) g[i] = r.nextGaussian();
        double[] a0 = d.aFlat();
        d.updateA(g);
        double[] a1 = d.aFlat();
        double h = 1e-6;
        double maxDiff = 0, scale = 0;
        double[] semi = new double[a0.length];
        double[] fa = f(a0, d.xtPrev, d.xtCur, g, d.dphi, d.wab);
        for (int k = 0; k < a0.length; k++) {
            double step = (a0[k] - a1[k]) / Dni.ETA_A;
            double[] ap = a0.clone(), am = a0.clone();
            ap[k] += h;
            am[k] -= h;
            double fd = (halfSq(f(ap, d.xtPrev, d.xtCur, g, d.dphi, d.wab)) - halfSq(f(am, d.xtPrev, d.xtCur, g, d.dphi, d.wab))) / (2 * h);
            maxDiff = Math.max(maxDiff, Math.abs(step - fd));
            scale = Math.max(scale, Math.abs(fd));
            semi[k] = d.xtPrev[k / Q] * fa[k % Q]; // Marschall et al.'s first term only
        }
        assertThat(maxDiff / scale).isLessThan(1e-7);
        // and the second ("accurate") term is really there: the first term alone differs
        double semiDiff = 0;
        for (int k = 0; k < a0.length; k++) semiDiff = Math.max(semiDiff, Math.abs((a0[k] - a1[k]) / Dni.ETA_A - semi[k]));
        assertThat(semiDiff / scale).isGreaterThan(1e-2);
    }

    /**
     * A linear credit target the model can represent: g_t := x̃_{t−1} A* − (x̃_t A*) D_t for a fixed A*, so
     * A* makes f ≡ 0. With η_A = 0.002 the SGD iterates converge to A*.
     */
    @Test
    void fitsARepresentableLinearCreditTarget() {
        Random r = new Random(17);
        Dni d = dni();
        for (int i = 0; i < Q; i++) for (int j = 0; j < N; j++) d.wab[i * N + j] = (j < Q ? 0.3 : 1.0) * r.nextGaussian();
        double[] aStar = new double[R * Q];
        for (int k = 0; k < aStar.length; k++) aStar[k] = r.nextGaussian();
        double[] g = new double[Q];
        double initial = dist(d.aFlat(), aStar), previous = initial;
        int block = 5_000;
        for (int it = 1; it <= 60_000; it++) {
            randomTransition(d, r);
            double[] zero = new double[Q];
            double[] fStar = f(aStar, d.xtPrev, d.xtCur, zero, d.dphi, d.wab); // = x̃_{t−1}A* − (x̃_t A*) D_t
            System.arraycopy(fStar, 0, g, 0, Q);
            d.updateA(g);
            if (it % block == 0) {
                double now = dist(d.aFlat(), aStar);
                assertThat(now).as("distance to A* after %d updates", it).isLessThan(previous);
                previous = now;
            }
        }
        System.out.printf("DNI fit: ‖A − A*‖ %.3g -> %.3g%n", initial, previous);
        assertThat(previous).isLessThan(1e-6 * initial);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.sqrt(s);
    }
}
