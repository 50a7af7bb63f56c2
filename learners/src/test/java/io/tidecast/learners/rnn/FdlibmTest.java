package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

/** The Java fdlibm port returns exactly what the JDK's tanh and cosh (fdlibm, via StrictMath) return. */
class FdlibmTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 22.0, -22.0, 0.5 * Math.log(2), 1.5 * Math.log(2),
        56 * Math.log(2), -56 * Math.log(2), 709.78, 710.4758600739439, 710.476, -745.2, Math.ulp(0.0), Double.MIN_NORMAL,
        0x1p-28, 0x1p-54, 0x1p-55, 0x1p-56, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN};

    /** The high words at which the fdlibm algorithms switch branches. */
    private static final int[] THRESHOLDS = {0x40360000, 0x3c800000, 0x3ff00000, 0x3fd62e43, 0x3fd62e42, 0x40862E42,
        0x408633CE, 0x4043687A, 0x3FF0A2B2, 0x3c900000, 0x3e300000};

    @Test
    void tanhIsBitIdenticalToStrictMath() {
        check("tanh", Fdlibm::tanh, StrictMath::tanh);
        check("tanh vs Math", Fdlibm::tanh, Math::tanh);
    }

    @Test
    void coshIsBitIdenticalToStrictMath() {
        check("cosh", Fdlibm::cosh, StrictMath::cosh);
        check("cosh vs Math", Fdlibm::cosh, Math::cosh);
    }

    @Test
    void expAndExpm1AreBitIdenticalToStrictMath() {
        check("exp", Fdlibm::exp, StrictMath::exp);
        check("expm1", Fdlibm::expm1, StrictMath::expm1);
    }

    private static void check(String name, DoubleUnaryOperator ours, DoubleUnaryOperator jdk) {
        SplittableRandom r = new SplittableRandom(20251124);
        for (double x : SPECIAL) {
            same(name, ours, jdk, x);
            same(name, ours, jdk, -x);
        }
        for (int hw : THRESHOLDS) {
            double b = Double.longBitsToDouble((long) hw << 32);
            for (int d = -3; d <= 3; d++) {
                double x = Double.longBitsToDouble(Double.doubleToRawLongBits(b) + d);
                same(name, ours, jdk, x);
                same(name, ours, jdk, -x);
                same(name, ours, jdk, Double.longBitsToDouble(((long) hw << 32) + d * 0x100000000L + r.nextInt()));
            }
        }
        for (int i = 0; i < 400_000; i++) same(name, ours, jdk, r.nextDouble(-30, 30));                  // the RNN's range
        for (int i = 0; i < 400_000; i++) same(name, ours, jdk, (r.nextBoolean() ? 1 : -1) * Math.pow(2, r.nextDouble(-60, 10)));
        for (int i = 0; i < 100_000; i++) same(name, ours, jdk, r.nextDouble(-750, 750));
        for (int i = 0; i < 100_000; i++) same(name, ours, jdk, Double.longBitsToDouble(r.nextLong())); // any bit pattern
    }

    private static void same(String name, DoubleUnaryOperator ours, DoubleUnaryOperator jdk, double x) {
        double a = ours.applyAsDouble(x), b = jdk.applyAsDouble(x);
        if (Double.isNaN(a) && Double.isNaN(b)) return;
        assertEquals(Double.doubleToRawLongBits(b), Double.doubleToRawLongBits(a), () -> name + "(" + x + "): " + a + " vs " + b);
    }
}
