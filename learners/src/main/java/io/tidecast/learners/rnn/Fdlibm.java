package io.tidecast.learners.rnn;

/**
 * tanh and cosh computed in Java by the algorithms of fdlibm 5.3 (Sun Microsystems, 1993: "Permission to use, copy,
 * modify, and distribute this software is freely granted, provided that this notice is preserved"), which is what
 * {@link StrictMath#tanh} and {@link StrictMath#cosh} are specified to return and what {@link Math#tanh} and
 * {@link Math#cosh} return on Java 17. Bit for bit the same results (checked in {@code FdlibmTest}), without the
 * native call: on Java 17 each of those is a JNI call into the C fdlibm costing 30–40 ns, which at q = 30 hidden units
 * was about a third of an SnAp-1 or DNI step.
 */
final class Fdlibm {
    private Fdlibm() {}

    private static final double HUGE = 1.0e300;
    private static final double TINY = 1.0e-300;
    private static final double TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
    private static final double O_THRESHOLD = 7.09782712893383973096e+02;
    private static final double U_THRESHOLD = -7.45133219101941108420e+02;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INVLN2 = 1.44269504088896338700e+00;
    // exp: polynomial on the reduced range
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;
    // expm1: scaled rational-approximation coefficients
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    private static int hi(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** x with k added to its binary exponent (fdlibm's {@code __HI(x) += k << 20}). */
    private static double addExponent(double x, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) + ((long) k << 52));
    }

    /** A double whose high word is {@code hi} and low word 0. */
    private static double fromHigh(int hi) {
        return Double.longBitsToDouble((long) hi << 32);
    }

    /** StrictMath.tanh(x), bit for bit. */
    static double tanh(double x) {
        final int jx = hi(x);
        final int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0; // ±inf → ±1, NaN → NaN
        double z;
        if (ix < 0x40360000) {                  // |x| < 22
            if (ix < 0x3c800000) return x * (1.0 + x); // |x| < 2^-55
            if (ix >= 0x3ff00000) {             // |x| >= 1
                double t = expm1(2.0 * Math.abs(x));
                z = 1.0 - 2.0 / (t + 2.0);
            } else {
                double t = expm1(-2.0 * Math.abs(x));
                z = -t / (t + 2.0);
            }
        } else {
            z = 1.0 - TINY;
        }
        return jx >= 0 ? z : -z;
    }

    /** StrictMath.cosh(x), bit for bit. */
    static double cosh(double x) {
        final int ix = hi(x) & 0x7fffffff;
        if (ix >= 0x7ff00000) return x * x;
        if (ix < 0x3fd62e43) {                  // |x| < 0.5 ln 2: 1 + expm1(|x|)² / (2 exp(|x|))
            double t = expm1(Math.abs(x));
            double w = 1.0 + t;
            if (ix < 0x3c800000) return w;
            return 1.0 + (t * t) / (w + w);
        }
        if (ix < 0x40360000) {                  // |x| < 22: (exp(|x|) + 1/exp(|x|)) / 2
            double t = exp(Math.abs(x));
            return 0.5 * t + 0.5 / t;
        }
        if (ix < 0x40862E42) return 0.5 * exp(Math.abs(x)); // |x| < log(MAX_VALUE)
        final int lx = (int) Double.doubleToRawLongBits(x);
        if (ix < 0x408633CE || (ix == 0x408633ce && Integer.compareUnsigned(lx, 0x8fb9f87d) <= 0)) {
            double w = exp(0.5 * Math.abs(x));
            double t = 0.5 * w;
            return t * w;
        }
        return HUGE * HUGE;                     // overflow
    }

    /** fdlibm's __ieee754_exp (StrictMath.exp), bit for bit. */
    static double exp(double x) {
        int hx = hi(x);
        final int xsb = (hx >>> 31) & 1;
        hx &= 0x7fffffff;
        double hi = 0, lo = 0;
        int k = 0;
        if (hx >= 0x40862E42) {                 // |x| >= 709.78...
            if (hx >= 0x7ff00000) {
                if (((hx & 0xfffff) | (int) Double.doubleToRawLongBits(x)) != 0) return x + x; // NaN
                return xsb == 0 ? x : 0.0;      // exp(±inf) = {inf, 0}
            }
            if (x > O_THRESHOLD) return HUGE * HUGE;
            if (x < U_THRESHOLD) return TWOM1000 * TWOM1000;
        }
        if (hx > 0x3fd62e42) {                  // |x| > 0.5 ln 2: reduce
            if (hx < 0x3FF0A2B2) {              // and |x| < 1.5 ln 2
                if (xsb == 0) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
        } else if (hx < 0x3e300000) {           // |x| < 2^-28
            if (HUGE + x > 1.0) return 1.0 + x;
        } else {
            k = 0;
        }
        double t = x * x;
        double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
        double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021) return addExponent(y, k);
        return addExponent(y, k + 1000) * TWOM1000;
    }

    /** fdlibm's expm1 (StrictMath.expm1), bit for bit. */
    static double expm1(double x) {
        int hx = hi(x);
        final int xsb = hx & 0x80000000;
        double y = xsb == 0 ? x : -x;
        hx &= 0x7fffffff;
        if (hx >= 0x4043687A) {                 // |x| >= 56 ln 2
            if (hx >= 0x40862E42) {             // |x| >= 709.78...
                if (hx >= 0x7ff00000) {
                    if (((hx & 0xfffff) | (int) Double.doubleToRawLongBits(x)) != 0) return x + x; // NaN
                    return xsb == 0 ? x : -1.0;
                }
                if (x > O_THRESHOLD) return HUGE * HUGE;
            }
            if (xsb != 0) {                     // x < -56 ln 2
                if (x + TINY < 0.0) return TINY - 1.0;
            }
        }
        double hi, lo, c = 0;
        int k;
        if (hx > 0x3fd62e42) {                  // |x| > 0.5 ln 2
            if (hx < 0x3FF0A2B2) {              // and |x| < 1.5 ln 2
                if (xsb == 0) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) {           // |x| < 2^-54
            double t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }
        final double hfx = 0.5 * x;
        final double hxs = x * hfx;
        final double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) return x - (x * e - hxs);
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) {
            if (x < -0.25) return -2.0 * (e - (x + 0.5));
            return 1.0 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {                // exp(x) − 1 suffices
            y = 1.0 - (e - x);
            y = addExponent(y, k);
            return y - 1.0;
        }
        if (k < 20) {
            t = fromHigh(0x3ff00000 - (0x200000 >> k)); // 1 − 2^-k
            y = t - (e - x);
            y = addExponent(y, k);
        } else {
            t = fromHigh((0x3ff - k) << 20);    // 2^-k
            y = x - (e + t);
            y = y + 1.0;
            y = addExponent(y, k);
        }
        return y;
    }
}
