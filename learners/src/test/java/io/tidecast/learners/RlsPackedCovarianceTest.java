package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The packed P (upper triangle) against the full row-major P the earlier releases kept, whose code is kept here as
 * the reference: over long runs every gain, every P and every stored byte is the same, bit for bit, through the
 * covariance bound, resets of a broken P and inputs that cannot be learned from.
 */
class RlsPackedCovarianceTest {

    /** The full-matrix covariance as it was (gain, downdate with explicit symmetrisation, reset, stored form). */
    static final class FullReference {
        final int m;
        final double lambda;
        final double delta;
        final double maxTrace;
        final double[] p;
        long resets;

        FullReference(int m, double lambda, double delta, double maxTrace, double[] p) {
            this.m = m;
            this.lambda = lambda;
            this.delta = delta;
            this.maxTrace = maxTrace;
            this.p = p;
        }

        void matVec(double[] x, double[] px) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) s += p[i * m + j] * x[j];
                px[i] = s;
            }
        }

        double dot(double[] x, double[] px) {
            double s = 0;
            for (int j = 0; j < m; j++) s += x[j] * px[j];
            return s;
        }

        double gain(double[] x, double[] px) {
            matVec(x, px);
            double denom = lambda + dot(x, px);
            if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) {
                reset();
                matVec(x, px);
                denom = lambda + dot(x, px);
                if (!(denom > 0) || denom == Double.POSITIVE_INFINITY) return Double.NaN;
            }
            return 1.0 / denom;
        }

        void downdate(double[] px, double inv) {
            double tr = 0;
            for (int i = 0; i < m; i++) tr += p[i * m + i] - px[i] * px[i] * inv;
            double scale = tr > maxTrace ? 1.0 : 1.0 / lambda;
            double chk = 0;
            double minDiag = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                int ri = i * m;
                double pxi = px[i] * inv;
                double diag = (p[ri + i] - pxi * px[i]) * scale;
                p[ri + i] = diag;
                minDiag = Math.min(minDiag, diag);
                chk += diag;
                for (int j = i + 1; j < m; j++) {
                    double v = (0.5 * (p[ri + j] + p[j * m + i]) - pxi * px[j]) * scale;
                    p[ri + j] = v;
                    p[j * m + i] = v;
                    chk += v;
                }
            }
            if (!(minDiag > 0) || !Double.isFinite(chk)) reset();
        }

        void reset() {
            Arrays.fill(p, 0.0);
            for (int i = 0; i < m; i++) p[i * m + i] = 1.0 / delta;
            resets++;
        }

        byte[] stored() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(m);
            out.writeDouble(lambda);
            out.writeDouble(delta);
            out.writeDouble(maxTrace);
            out.writeLong(resets);
            RlsCovariance.writeSymmetric(out, p, m);
            return bytes.toByteArray();
        }
    }

    private static byte[] stored(RlsCovariance c) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static FullReference referenceOf(RlsCovariance c) {
        return new FullReference(c.m, c.lambda, c.delta, c.maxTrace, c.full());
    }

    /** Runs both side by side on the inputs {@code next} writes, asserting equal gains every step and equal P and bytes at the end. */
    private static void runBoth(RlsCovariance packed, int steps, Consumer<double[]> next) throws Exception {
        FullReference full = referenceOf(packed);
        int m = packed.m;
        double[] x = new double[m];
        double[] pxPacked = new double[m];
        double[] pxFull = new double[m];
        for (int t = 0; t < steps; t++) {
            next.accept(x);
            double a = packed.gain(x, pxPacked);
            double b = full.gain(x, pxFull);
            assertThat(Double.doubleToRawLongBits(a)).as("1/denom at step %d", t).isEqualTo(Double.doubleToRawLongBits(b));
            assertThat(pxPacked).as("P x at step %d", t).isEqualTo(pxFull);
            if (!Double.isNaN(a)) {
                packed.downdate(pxPacked, a);
                full.downdate(pxFull, b);
            }
            if (t % 97 == 0) assertThat(packed.full()).as("P after step %d", t).isEqualTo(full.p);
        }
        assertThat(packed.full()).isEqualTo(full.p);
        assertThat(packed.resets).isEqualTo(full.resets);
        assertThat(stored(packed)).as("the checkpoint bytes of P").isEqualTo(full.stored());
    }

    /** Lag windows of 9 correlated breathing-like channels with noise, like the pipeline's inputs (P ill-conditioned). */
    private static Consumer<double[]> breathingWindows(int d, int k, long seed) {
        Random rnd = new Random(seed);
        double[][] ring = new double[k][d];
        long[] n = {0};
        return x -> {
            double t = n[0]++ * 0.1;
            double[] row = ring[(int) (n[0] % k)];
            for (int c = 0; c < d; c++) {
                row[c] = Math.sin(2 * Math.PI * 0.25 * t + 0.3 * c) + 0.2 * Math.sin(2 * Math.PI * 0.05 * t) + 0.01 * rnd.nextGaussian();
            }
            x[0] = 1.0;
            for (int l = 0; l < k; l++) {
                double[] r = ring[(int) ((n[0] - l + k * 1000L) % k)];
                System.arraycopy(r, 0, x, 1 + l * d, d);
            }
        };
    }

    @Test
    void pipelineSizedWindowsGiveTheFullMatrixGainsBitForBit() throws Exception {
        int d = 9, k = 12, m = 1 + d * k;
        RlsCovariance packed = new RlsCovariance(m, Rls.DEFAULT_LAMBDA, Rls.DEFAULT_DELTA,
                Rls.DEFAULT_TRACE_FACTOR * m / Rls.DEFAULT_DELTA, null, 0);
        runBoth(packed, 4_000, breathingWindows(d, k, 11));
        assertThat(packed.p).hasSize(m * (m + 1) / 2);
    }

    @Test
    void gaussianInputsOfManySizesAndForgettingsAgree() throws Exception {
        for (int m : new int[] {1, 2, 7, 8, 9, 37}) {
            for (double lambda : new double[] {1.0, 0.999, 0.95}) {
                Random rnd = new Random(31L * m + (long) (lambda * 1000));
                RlsCovariance packed = new RlsCovariance(m, lambda, 0.1, 1e4 * m / 0.1, null, 0);
                runBoth(packed, 2_000, x -> {
                    double scale = Math.pow(10, rnd.nextInt(5) - 2); // 1e-2 .. 1e2
                    for (int i = 0; i < m; i++) x[i] = scale * rnd.nextGaussian();
                });
            }
        }
    }

    @Test
    void theCovarianceBoundAgrees() throws Exception {
        int m = 7;
        RlsCovariance packed = new RlsCovariance(m, 0.9, 0.01, 1e4 * m / 0.01, null, 0);
        runBoth(packed, 10_000, x -> {
            Arrays.fill(x, 0.0);
            x[0] = 1.0; // only the bias is excited: without the bound P would grow like 0.9^-n
        });
        assertThat(packed.resets).isZero();
        assertThat(packed.trace()).isGreaterThan(0.5 * 1e4 * m / 0.01);
    }

    @Test
    void brokenCovariancesAreResetAlike() throws Exception {
        int m = 7;
        double[][] broken = new double[3][];
        broken[0] = diagonal(m, -100.0); // negative definite
        broken[1] = diagonal(m, 100.0);
        broken[1][3 * m + 3] = Double.NaN;
        broken[2] = diagonal(m, 100.0);
        broken[2][2 * m + 2] = -1e-3;
        for (double[] p : broken) {
            Random rnd = new Random(9);
            RlsCovariance packed = new RlsCovariance(m, 0.99, 0.01, 1e6 * m, Packed.symmetricPart(p, m), 0);
            runBoth(packed, 500, x -> TestData.randomInput(rnd, x));
            assertThat(packed.resets).isEqualTo(1);
        }
    }

    @Test
    void inputsThatCannotBeLearnedGiveNaNGainsAlike() throws Exception {
        int m = 5;
        RlsCovariance packed = new RlsCovariance(m, 0.99, 0.01, 1e6 * m, null, 0);
        Random rnd = new Random(2);
        int[] bad = {0};
        runBoth(packed, 300, x -> {
            TestData.randomInput(rnd, x);
            if (rnd.nextInt(10) == 0) {
                x[1 + rnd.nextInt(m - 1)] = rnd.nextBoolean() ? Double.NaN : 1e300;
                bad[0]++;
            }
        });
        assertThat(bad[0]).isPositive();
        assertThat(packed.gain(new double[] {1, Double.NaN, 0, 0, 0}, new double[m])).isNaN();
    }

    @Test
    void aFullMatrixStoredByEarlierReleasesReadsAsItsSymmetricPart() throws Exception {
        int m = 4;
        Random rnd = new Random(4);
        double[] a = new double[m * m];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RlsCovariance.writeSymmetric(new DataOutputStream(bytes), a, m); // not symmetric: layout 2, every entry
        double[] p = RlsCovariance.readPacked(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), m);
        double[] back = Packed.toFull(p, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                assertThat(back[i * m + j]).isEqualTo(0.5 * (a[i * m + j] + a[j * m + i]));
            }
        }
    }

    private static double[] diagonal(int m, double v) {
        double[] p = new double[m * m];
        for (int i = 0; i < m; i++) p[i * m + i] = v;
        return p;
    }
}
