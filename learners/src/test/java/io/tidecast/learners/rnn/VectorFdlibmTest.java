package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The Vector API tanh and 1/cosh² ({@link VectorFdlibm}) return the scalar fdlibm port's bits for every input: the
 * RNN trainers' golden digests rely on it. Over ten million random inputs spread over all exponents and densely over
 * the RNN's range and over saturation, every branch boundary of tanh, cosh, expm1 and exp with its neighbouring doubles, the lanewise
 * region's edges, signed zeros, subnormals, infinities and NaN; in groups of four that mix lanes inside and outside
 * the lanewise region, with tails of every length and in place; and after C2 has compiled the kernels (the Vector
 * API is intrinsified only there).
 */
class VectorFdlibmTest {
    private static final int BLOCK = 4099; // not a multiple of 4: every call also has a scalar tail

    @Test
    void boundariesSpecialValuesAndTheirNeighboursAreBitIdentical() {
        double[] xs = boundaryInputs();
        // each boundary value alone (scalar tail), in every lane of a group of in-region values, and all together
        for (double x : xs) {
            checkArray(new double[] {x});
            for (int lane = 0; lane < 4; lane++) {
                double[] g = {0.3, -1.7, 5.0, -0.01, 0.8};
                g[lane] = x;
                checkArray(g);
            }
        }
        checkArray(xs);
        SplittableRandom r = new SplittableRandom(7);
        for (int rep = 0; rep < 200; rep++) {
            double[] shuffled = xs.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            checkArray(shuffled);
        }
    }

    @Test
    void tenMillionRandomInputsAreBitIdentical() {
        SplittableRandom r = new SplittableRandom(20251124);
        double[] z = new double[BLOCK];
        long checked = 0;
        for (int block = 0; checked < 10_000_000L; block++) {
            final int kind = block % 6;
            for (int i = 0; i < BLOCK; i++) {
                switch (kind) {
                    case 0: z[i] = r.nextDouble(-25, 25); break;                                  // dense over the region
                    case 1: z[i] = r.nextGaussian() * (r.nextBoolean() ? 0.3 : 2.0); break;       // RNN pre-activations
                    case 2: z[i] = Double.longBitsToDouble(r.nextLong()); break;                   // any bit pattern
                    case 5: z[i] = r.nextDouble(-800, 800); break;                                // saturating tanh, cosh² overflow
                    case 3: z[i] = (r.nextBoolean() ? 1 : -1) * Math.scalb(1.0 + r.nextDouble(), r.nextInt(-60, 6)); break;
                    default: z[i] = (r.nextBoolean() ? 1 : -1) * Math.scalb(1.0 + r.nextDouble(), r.nextInt(-1080, 1024));
                }
            }
            checkArray(z);
            checked += BLOCK;
        }
    }

    @Test
    void worksInPlaceAndOnEveryLength() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n <= 41; n++) {
            double[] z = new double[n + 3];
            for (int i = 0; i < z.length; i++) z[i] = r.nextDouble(-4, 4);
            double[] tanh = z.clone(), dphi = z.clone();
            VectorFdlibm.tanh(tanh, tanh, n);
            VectorFdlibm.dphi(dphi, dphi, n);
            for (int i = 0; i < z.length; i++) {
                double wantT = i < n ? Fdlibm.tanh(z[i]) : z[i], wantD = i < n ? scalarDphi(z[i]) : z[i];
                assertEquals(Double.doubleToRawLongBits(wantT), Double.doubleToRawLongBits(tanh[i]), "tanh n=" + n + " i=" + i);
                assertEquals(Double.doubleToRawLongBits(wantD), Double.doubleToRawLongBits(dphi[i]), "dphi n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void theDispatchingArrayFormsEqualTheScalarFunctions() {
        // Fdlibm.tanh/dphi over arrays take the vector path or not by -Dtidecast.vector; the results may not differ
        SplittableRandom r = new SplittableRandom(5);
        double[] z = new double[1001], t = new double[z.length], d = new double[z.length];
        for (int i = 0; i < z.length; i++) z[i] = r.nextGaussian() * 3;
        z[17] = Double.NaN;
        z[500] = 0.0;
        Fdlibm.tanh(z, t, z.length);
        Fdlibm.dphi(z, d, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Fdlibm.tanh(z[i])), Double.doubleToRawLongBits(t[i]), "tanh " + z[i]);
            assertEquals(Double.doubleToRawLongBits(scalarDphi(z[i])), Double.doubleToRawLongBits(d[i]), "dphi " + z[i]);
        }
    }

    /** Every threshold of the algorithms and of the lanewise region, with neighbours, both signs. */
    private static double[] boundaryInputs() {
        List<Double> base = new ArrayList<>(Arrays.asList(0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1060,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, 1.0, 22.0, 0.25, 0.5, 2.0,
            VectorFdlibm.LOW, VectorFdlibm.HIGH, VectorFdlibm.EXP_LIMIT, 355.0, 400.0, 0x1p-54, 0x1p-55, 0x1p-56, 0x1p-27, 0x1p-29,
            0.5 * Math.log(2), 1.5 * Math.log(2), 0.25 * Math.log(2), 0.75 * Math.log(2), 56 * Math.log(2), 28 * Math.log(2),
            709.78, 710.4758600739439));
        // the high words at which fdlibm's branches switch (|x| or the expm1/exp argument 2|x| or |x|)
        int[] highWords = {0x40360000, 0x3c800000, 0x3ff00000, 0x3fd62e43, 0x3fd62e42, 0x40862E42, 0x408633CE,
            0x4043687A, 0x3FF0A2B2, 0x3c900000, 0x3e300000};
        for (int hw : highWords) {
            double b = Double.longBitsToDouble((long) hw << 32);
            base.add(b);
            base.add(b / 2);           // tanh passes 2|x| to expm1
        }
        // where k = (int) (x/ln2 + 1/2) steps (reduction for exp and for tanh's expm1(±2|x|)), k up to 64
        for (int k = 1; k <= 64; k++) {
            base.add((k - 0.5) * Math.log(2));
            base.add((k - 0.5) * Math.log(2) / 2);
        }
        List<Double> all = new ArrayList<>();
        for (double b : base) {
            double lo = b, hi = b;
            for (int d = 0; d < 3; d++) {
                all.add(lo);
                all.add(hi);
                lo = Math.nextDown(lo);
                hi = Math.nextUp(hi);
            }
        }
        int size = all.size();
        for (int i = 0; i < size; i++) all.add(-all.get(i));
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double scalarDphi(double x) {
        double c = Fdlibm.cosh(x);
        return 1.0 / (c * c);
    }

    private static void checkArray(double[] z) {
        final int n = z.length;
        double[] t = new double[n], d = new double[n];
        VectorFdlibm.tanh(z, t, n);
        VectorFdlibm.dphi(z, d, n);
        for (int i = 0; i < n; i++) {
            long wantT = Double.doubleToRawLongBits(Fdlibm.tanh(z[i])), wantD = Double.doubleToRawLongBits(scalarDphi(z[i]));
            if (wantT != Double.doubleToRawLongBits(t[i])) {
                fail("tanh(" + z[i] + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(z[i])) + "): vector " + t[i]
                        + ", scalar " + Fdlibm.tanh(z[i]));
            }
            if (wantD != Double.doubleToRawLongBits(d[i])) {
                fail("1/cosh²(" + z[i] + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(z[i])) + "): vector " + d[i]
                        + ", scalar " + scalarDphi(z[i]));
            }
        }
    }
}
