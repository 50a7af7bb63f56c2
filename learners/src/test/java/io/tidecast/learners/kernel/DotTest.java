package io.tidecast.learners.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels ({@link VectorDot}, {@link VectorRows}) give the scalar kernels' results bit for bit (the
 * learners' golden tests rely on it), on every length 0..300 (tails and lengths below one vector included) and at
 * unaligned offsets.
 */
class DotTest {
    private static final int MAX = 300;

    @Test
    void theBuildRunsTestsWithTheVectorModuleAndTheSwitchDecidesThePath() {
        // surefire's argLine adds the module; the scalar-kernels execution sets -Dtidecast.vector=false
        assertThat(ModuleLayer.boot().findModule(Dot.MODULE)).as("--add-modules jdk.incubator.vector").isPresent();
        boolean forcedScalar = "false".equals(System.getProperty(Dot.PROPERTY));
        if (forcedScalar) assertThat(Dot.vectorised()).isFalse();
        else assertThat(Dot.vectorised()).isEqualTo(VectorDot.hardwareSupported());
    }

    @Test
    void dotIsBitIdenticalOnEveryLengthAndOffset() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        double[] a = values(rng, MAX + 8), b = values(rng, MAX + 8);
        for (int len = 0; len <= MAX; len++) {
            int ao = rng.nextInt(8), bo = rng.nextInt(8);
            assertSame(ScalarDot.dot(a, ao, b, bo, len), VectorDot.dot(a, ao, b, bo, len), "dot len " + len);
            assertSame(ScalarDot.dot(a, ao, a, ao, len), Dot.sumSq(a, ao, len), "sumSq len " + len);
        }
    }

    @Test
    void rowBlockedFormsAreBitIdenticalAndEqualRowByRowDots() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        for (int len = 0; len <= MAX; len += 1 + rng.nextInt(3)) {
            int stride = len + rng.nextInt(5), ao = rng.nextInt(7), bo = rng.nextInt(7);
            double[] a = values(rng, ao + 4 * stride + len), b = values(rng, bo + len);
            double[] s = new double[6], v = new double[6];
            ScalarDot.dot4(a, ao, stride, b, bo, len, s, 1);
            VectorDot.dot4(a, ao, stride, b, bo, len, v, 1);
            for (int r = 0; r < 4; r++) {
                assertSame(ScalarDot.dot(a, ao + r * stride, b, bo, len), s[1 + r], "scalar dot4 row " + r + " len " + len);
                assertSame(s[1 + r], v[1 + r], "dot4 row " + r + " len " + len);
            }
            ScalarDot.dot2(a, ao, ao + 3 * stride, b, bo, len, s, 2);
            VectorDot.dot2(a, ao, ao + 3 * stride, b, bo, len, v, 2);
            assertSame(ScalarDot.dot(a, ao, b, bo, len), v[2], "dot2 first len " + len);
            assertSame(ScalarDot.dot(a, ao + 3 * stride, b, bo, len), v[3], "dot2 second len " + len);
            assertSame(s[2], v[2], "dot2 len " + len);
            assertSame(s[3], v[3], "dot2 len " + len);
        }
    }

    @Test
    void compiledKernelsStayBitIdentical() {
        // enough calls for C2 to compile both kernels (the Vector API is intrinsified only there), checking all along
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(15L);
        double[] a = values(rng, 4 * 140 + 8), b = values(rng, 140), s = new double[4], v = new double[4];
        for (int it = 0; it < 40_000; it++) {
            int len = 1 + rng.nextInt(139), ao = rng.nextInt(8);
            b[it % b.length] = rng.nextDouble() - 0.5;
            ScalarDot.dot4(a, ao, len, b, 0, len, s, 0);
            VectorDot.dot4(a, ao, len, b, 0, len, v, 0);
            for (int r = 0; r < 4; r++) if (Double.compare(s[r], v[r]) != 0) assertSame(s[r], v[r], "call " + it + " row " + r);
            double sd = ScalarDot.dot(a, ao, b, 0, len), vd = VectorDot.dot(a, ao, b, 0, len);
            if (Double.compare(sd, vd) != 0) assertSame(sd, vd, "dot call " + it);
        }
    }

    @Test
    void matVecSumsEveryRowAsDotDoes() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
        for (int rows = 1; rows <= 11; rows++) {
            int len = rng.nextInt(40), stride = len + 3, ao = rng.nextInt(5);
            double[] a = values(rng, ao + rows * stride), b = values(rng, len), out = new double[rows];
            Dot.matVec(a, ao, stride, rows, b, 0, len, out);
            for (int i = 0; i < rows; i++) assertSame(ScalarDot.dot(a, ao + i * stride, b, 0, len), out[i], "row " + i);
        }
    }

    @Test
    void addSquaresContinuesTheFourPartialSums() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(14L);
        double[] a = values(rng, MAX + 8);
        for (int len = 0; len <= MAX; len += 4) {
            int from = rng.nextInt(8);
            double[] start = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double[] s = start.clone(), v = start.clone();
            ScalarDot.addSquares(a, from, len, s);
            VectorDot.addSquares(a, from, len, v);
            for (int r = 0; r < 4; r++) assertSame(s[r], v[r], "lane " + r + " len " + len);
        }
        // a whole sumSq is the sum of its four partial sums, tail into the first
        double[] acc = new double[4];
        Dot.addSquares(a, 0, 100, acc);
        acc[0] += a[100] * a[100];
        assertSame(ScalarDot.dot(a, 0, a, 0, 101), (acc[0] + acc[1]) + (acc[2] + acc[3]), "sumSq from addSquares");
    }

    @Test
    void rowUpdatesAreBitIdentical() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(16L);
        for (int rep = 0; rep < 3000; rep++) { // enough calls for C2 to compile both forms
            int n = rng.nextInt(MAX), row = rng.nextInt(9);
            double ps = rng.nextDouble() - 0.5, c = rng.nextDouble() - 0.5, a = rng.nextDouble() * 1e-3;
            double[] v = values(rng, n), jbar = values(rng, row + n), w = values(rng, row + n);
            double[] jbar2 = jbar.clone(), w2 = w.clone();
            Rows.scalarInfluenceStep(ps, v, c, jbar, a, w, row, n);
            VectorRows.influenceStep(ps, v, c, jbar2, a, w2, row, n);
            assertArraySame(jbar, jbar2, "influence jbar n " + n);
            assertArraySame(w, w2, "influence w n " + n);
            double[] y = values(rng, row + n), y2 = y.clone(), y3 = y.clone(), y4 = y.clone();
            for (int j = 0; j < n; j++) y[row + j] += a * v[j];
            VectorRows.addScaled(y2, row, a, v, 0, n);
            assertArraySame(y, y2, "addScaled n " + n);
            for (int j = 0; j < n; j++) y3[row + j] -= a * v[j];
            VectorRows.subScaled(y4, row, a, v, 0, n);
            assertArraySame(y3, y4, "subScaled n " + n);
        }
    }

    @Test
    void specialValuesPropagateAlike() {
        double[] a = {1e308, 1e308, -0.0, Double.NaN, 3, Double.POSITIVE_INFINITY, 1e-320, -2};
        double[] b = {10, 10, 0.0, 1, 4, -1, 1e-10, -0.0};
        for (int len = 0; len <= a.length; len++) {
            assertSame(ScalarDot.dot(a, 0, b, 0, len), VectorDot.dot(a, 0, b, 0, len), "len " + len);
        }
        double[] z = {-0.0, -0.0, -0.0, -0.0, -0.0};
        assertSame(ScalarDot.dot(z, 0, z, 0, 5), VectorDot.dot(z, 0, z, 0, 5), "signed zeros");
    }

    private static double[] values(UniformRandomProvider rng, int n) {
        double[] x = new double[n];
        // mixed magnitudes and signs, so that a changed summation order would show in the last bits
        for (int i = 0; i < n; i++) x[i] = (rng.nextDouble() - 0.5) * Math.scalb(1.0, rng.nextInt(40) - 20);
        return x;
    }

    private static void assertArraySame(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) assertSame(expected[i], actual[i], what + " at " + i);
        }
    }

    /**
     * Equal bits, signed zeros told apart; all NaNs count as one, since Java leaves a NaN's payload to the hardware
     * and the JIT (the same scalar code gives different NaN bits interpreted and compiled).
     */
    private static void assertSame(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": " + expected + " vs " + actual);
    }
}
