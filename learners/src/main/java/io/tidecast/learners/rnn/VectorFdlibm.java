package io.tidecast.learners.rnn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Fdlibm#tanh} and 1 / {@link Fdlibm#cosh}² over arrays on the Vector API, four lanes at a time, bit for bit
 * the scalar results. Loaded only when {@link io.tidecast.learners.kernel.Dot#vectorised()}.
 *
 * <p>Lanewise for every |x| ≥ 2^-28: there every lane runs the scalar path's operations in the scalar order (a
 * multiply then an add, never an fma), every branch of fdlibm's expm1/exp is computed for all four lanes and the right
 * one picked per lane by a mask, the exponent adjustments ({@code __HI(y) += k << 20}) are integer adds on the lanes'
 * bits, and saturated lanes (tanh ±1 from |x| = 22, 1/cosh² = +0 from 709.78, ±∞ included) are constants. A group of
 * four with a lane below (±0, tiny, subnormal) or NaN, and the n mod 4 tail, go to the scalar functions. All of a
 * kernel's arithmetic is written out in its loop: C2 inlines a helper only while the method is below its node budget,
 * and a vector passed to a call that is not inlined is boxed on the heap.
 * Branch conditions on fdlibm's high word become comparisons of |x| with the double whose high word is the
 * threshold: {@code hx < H} ⇔ |x| &lt; fromHigh(H), {@code hx > H} ⇔ |x| ≥ fromHigh(H + 1).
 */
final class VectorFdlibm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INVLN2 = 1.44269504088896338700e+00;
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    /** The lanewise region's bounds: below, tanh/cosh/expm1 take their tiny-argument shortcuts; above, saturation. */
    static final double LOW = 0x1p-28;
    /** tanh saturates to ±(1 − 10^-300) = ±1 from here (hx ≥ 0x40360000). */
    static final double HIGH = 22.0;
    /** cosh = exp(|x|)/2 below (hx &lt; 0x40862E42); from there on 1/cosh² is +0 (cosh² overflows long before). */
    static final double EXP_LIMIT = fromHigh(0x40862E42);
    /** |x| > 0.5 ln 2 (hx > 0x3fd62e42). */
    private static final double HALF_LN2_ABOVE = fromHigh(0x3fd62e43);
    /** |x| &lt; 1.5 ln 2 (hx &lt; 0x3FF0A2B2). */
    private static final double THREE_HALVES_LN2 = fromHigh(0x3FF0A2B2);
    /** 1.5·2^52: adding then subtracting it rounds any |v| &lt; 2^51 to an integer, and its bits then hold k. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    private VectorFdlibm() {}

    private static double fromHigh(int hi) {
        return Double.longBitsToDouble((long) hi << 32);
    }

    /** out[i] = Fdlibm.tanh(z[i]) for i &lt; n; out may be z. */
    static void tanh(double[] z, double[] out, int n) {
        // constants broadcast once: fewer nodes for C2, which inlines the whole loop body only below a node budget
        final DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector two = DoubleVector.broadcast(S, 2.0), half = DoubleVector.broadcast(S, 0.5);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            final DoubleVector x = DoubleVector.fromArray(S, z, i);
            final DoubleVector ax = x.abs();
            if (!ax.compare(VectorOperators.GE, LOW).allTrue()) {           // tiny, ±0 or NaN
                for (int j = i; j < i + 4; j++) out[j] = Fdlibm.tanh(z[j]);
                continue;
            }
            // |x| ≥ 1: 1 − 2 / (t + 2) with t = expm1(2|x|);  |x| < 1: −t / (t + 2) with t = expm1(−2|x|)
            final VectorMask<Double> big = ax.compare(VectorOperators.GE, one);
            final DoubleVector ay = ax.mul(two);        // |y|, exactly; y = ±ay
            final DoubleVector y = ay.neg().blend(ay, big);

            // expm1(y), 2^-54 ≤ |y| < 44: y = k ln2 + xr (+ c). k = (int) (y/ln2 ± 0.5) = ±(int) (|y|/ln2 + 0.5) (the
            // rounding is symmetric); ±1 below 1.5 ln 2, 0 up to 0.5 ln 2. Here k ∈ {−3..0} ∪ {3..63}, never 1.
            final DoubleVector kv = ay.mul(INVLN2).add(half);
            DoubleVector kAbs = kv.add(SHIFTER).sub(SHIFTER);             // rounded to nearest: truncate it
            kAbs = kAbs.blend(kAbs.sub(one), kAbs.compare(VectorOperators.GT, kv));
            kAbs = kAbs.blend(one, ay.compare(VectorOperators.LT, THREE_HALVES_LN2));
            kAbs = zero.blend(kAbs, ay.compare(VectorOperators.GE, HALF_LN2_ABOVE));
            final DoubleVector k = kAbs.neg().blend(kAbs, big);
            // k = ±1 gives exactly fdlibm's hi = y ∓ ln2_hi, lo = ±ln2_lo; k = 0 gives hi = y, lo = 0, xr = y, c = 0
            final DoubleVector hi = y.sub(k.mul(LN2_HI));
            final DoubleVector lo = k.mul(LN2_LO);
            final DoubleVector xr = hi.sub(lo);
            final DoubleVector c = hi.sub(xr).sub(lo);
            final DoubleVector hfx = xr.mul(half);
            final DoubleVector hxs = xr.mul(hfx);
            final DoubleVector r1 = hxs.mul(hxs.mul(hxs.mul(hxs.mul(hxs.mul(Q5).add(Q4)).add(Q3)).add(Q2)).add(Q1)).add(one);
            final DoubleVector t3 = DoubleVector.broadcast(S, 3.0).sub(r1.mul(hfx));
            final DoubleVector e = hxs.mul(r1.sub(t3).div(DoubleVector.broadcast(S, 6.0).sub(xr.mul(t3))));
            // fdlibm's output branches by k: 0; −1; ≤ −2 or > 56; 2..19; 20..56 (the last three scaled by 2^k)
            final DoubleVector kZero = xr.sub(xr.mul(e).sub(hxs));
            final DoubleVector ek = xr.mul(e.sub(c)).sub(c).sub(hxs);
            final DoubleVector kMinusOne = xr.sub(ek).mul(half).sub(half);
            final LongVector kBits = k.add(SHIFTER).reinterpretAsLongs().sub(SHIFTER_BITS).lanewise(VectorOperators.LSHL, 52);
            final DoubleVector twoToMinusK = LongVector.broadcast(LongVector.SPECIES_256, ONE_BITS).sub(kBits).reinterpretAsDoubles();
            final DoubleVector ekx = ek.sub(xr);
            final VectorMask<Double> far = k.compare(VectorOperators.LE, -2.0).or(k.compare(VectorOperators.GT, 56.0));
            DoubleVector scaled = xr.sub(ek.add(twoToMinusK)).add(one)
                    .blend(one.sub(twoToMinusK).sub(ekx), k.compare(VectorOperators.LT, 20.0))
                    .blend(one.sub(ekx), far);
            scaled = scaled.reinterpretAsLongs().add(kBits).reinterpretAsDoubles();
            DoubleVector t = scaled.blend(scaled.sub(one), far);
            t = t.blend(kMinusOne, k.compare(VectorOperators.EQ, -1.0));
            t = t.blend(kZero, kAbs.compare(VectorOperators.EQ, zero));

            final DoubleVector d = t.add(two);
            final DoubleVector th = t.neg().div(d).blend(one.sub(two.div(d)), big)
                    .blend(one, ax.compare(VectorOperators.GE, HIGH));       // 1 − tiny, also for ±∞
            th.blend(th.neg(), x.compare(VectorOperators.LT, zero)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = Fdlibm.tanh(z[i]);
    }

    /** out[i] = 1 / (c·c) with c = Fdlibm.cosh(z[i]), for i &lt; n (tanh′(z) = 1 / cosh² z); out may be z. */
    static void dphi(double[] z, double[] out, int n) {
        final DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector two = DoubleVector.broadcast(S, 2.0), half = DoubleVector.broadcast(S, 0.5);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            final DoubleVector ax = DoubleVector.fromArray(S, z, i).abs();
            if (!ax.compare(VectorOperators.GE, LOW).allTrue()) {           // tiny, ±0 or NaN
                for (int j = i; j < i + 4; j++) {
                    final double c = Fdlibm.cosh(z[j]);
                    out[j] = 1.0 / (c * c);
                }
                continue;
            }
            // |x| ≤ 0.5 ln 2: 1 + t² / (2(1 + t)) with t = expm1(|x|), its k = 0 path
            final DoubleVector hfx = ax.mul(half);
            final DoubleVector hxs = ax.mul(hfx);
            final DoubleVector r1 = hxs.mul(hxs.mul(hxs.mul(hxs.mul(hxs.mul(Q5).add(Q4)).add(Q3)).add(Q2)).add(Q1)).add(one);
            final DoubleVector t3 = DoubleVector.broadcast(S, 3.0).sub(r1.mul(hfx));
            final DoubleVector e = hxs.mul(r1.sub(t3).div(DoubleVector.broadcast(S, 6.0).sub(ax.mul(t3))));
            final DoubleVector t = ax.sub(ax.mul(e).sub(hxs));
            final DoubleVector w = t.add(one);
            final DoubleVector small = t.mul(t).div(w.add(w)).add(one);

            // below 22: 0.5·ex + 0.5/ex with ex = exp(|x|), reduced with k ≥ 1 (k = 1 below 1.5 ln 2); then 0.5·ex
            final DoubleVector kv = ax.mul(INVLN2).add(half);
            DoubleVector k = kv.add(SHIFTER).sub(SHIFTER);
            k = k.blend(k.sub(one), k.compare(VectorOperators.GT, kv)).blend(one, ax.compare(VectorOperators.LT, THREE_HALVES_LN2));
            final DoubleVector hi = ax.sub(k.mul(LN2_HI));
            final DoubleVector lo = k.mul(LN2_LO);
            final DoubleVector xr = hi.sub(lo);
            final DoubleVector xx = xr.mul(xr);
            final DoubleVector c = xr.sub(xx.mul(xx.mul(xx.mul(xx.mul(xx.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
            final DoubleVector y = one.sub(lo.sub(xr.mul(c).div(two.sub(c))).sub(hi));
            final LongVector kBits = k.add(SHIFTER).reinterpretAsLongs().sub(SHIFTER_BITS).lanewise(VectorOperators.LSHL, 52);
            final DoubleVector ex = y.reinterpretAsLongs().add(kBits).reinterpretAsDoubles();
            final DoubleVector halfEx = ex.mul(half);
            final DoubleVector large = halfEx.add(half.div(ex)).blend(halfEx, ax.compare(VectorOperators.GE, HIGH));

            final DoubleVector cosh = large.blend(small, ax.compare(VectorOperators.LT, HALF_LN2_ABOVE));
            one.div(cosh.mul(cosh)).blend(zero, ax.compare(VectorOperators.GE, EXP_LIMIT)).intoArray(out, i);
        }
        for (; i < n; i++) {
            final double c = Fdlibm.cosh(z[i]);
            out[i] = 1.0 / (c * c);
        }
    }

}
