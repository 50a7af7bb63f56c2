package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk array writes put exactly the bytes of one {@code writeDouble} per element, and read back what it reads. */
class BulkDoublesTest {
    /** Every kind of double: signed zeros, infinities, subnormals, extremes, NaNs with payloads, and random bits. */
    static double[] awkward(int n, long seed) {
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
                Double.longBitsToDouble(0xfff8dead0000beefL), Double.longBitsToDouble(0x7ff4000000000000L), 1.0, -1.5e-300, Math.PI};
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : Double.longBitsToDouble(r.nextLong());
        }
        return a;
    }

    static byte[] oneByOne(double[] a) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        for (double v : a) out.writeDouble(v);
        return b.toByteArray();
    }

    @Test
    void writesTheBytesOfOneWriteDoublePerElementAtEveryLengthAroundTheChunk() throws IOException {
        int c = BulkDoubles.CHUNK;
        for (int n : new int[] {0, 1, 7, 109, 2943, c - 1, c, c + 1, 2 * c + 5}) {
            double[] a = awkward(n, n);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            BulkDoubles.write(new DataOutputStream(b), a);
            assertThat(b.toByteArray()).as("length %d", n).isEqualTo(oneByOne(a));

            double[] back = new double[n];
            BulkDoubles.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())), back);
            DataInputStream plain = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(back[i])).as("element %d of %d", i, n).isEqualTo(Double.doubleToRawLongBits(plain.readDouble()));
            }
        }
    }

    @Test
    void aSliceIsWrittenAndReadInPlace() throws IOException {
        double[] a = awkward(300, 3);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BulkDoubles.write(new DataOutputStream(b), a, 17, 200);
        double[] slice = new double[200];
        System.arraycopy(a, 17, slice, 0, 200);
        assertThat(b.toByteArray()).isEqualTo(oneByOne(slice));

        double[] into = new double[250];
        BulkDoubles.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())), into, 40, 200);
        assertThat(into[39]).isEqualTo(0.0);
        assertThat(into[240]).isEqualTo(0.0);
        for (int i = 0; i < 200; i++) assertThat(Double.doubleToLongBits(into[40 + i])).isEqualTo(Double.doubleToLongBits(slice[i]));
    }

    @Test
    void interleavedPairsAreTheBytesOfAlternatingWriteDoubles() throws IOException {
        for (int n : new int[] {0, 1, 9, BulkDoubles.CHUNK / 2, BulkDoubles.CHUNK / 2 + 3}) {
            double[] x = awkward(n, 11 + n);
            double[] y = awkward(n, 13 + n);
            double[] alternating = new double[2 * n];
            for (int i = 0; i < n; i++) {
                alternating[2 * i] = x[i];
                alternating[2 * i + 1] = y[i];
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            BulkDoubles.writeInterleaved(new DataOutputStream(b), x, y, n);
            assertThat(b.toByteArray()).as("pairs %d", n).isEqualTo(oneByOne(alternating));

            double[] x2 = new double[n];
            double[] y2 = new double[n];
            BulkDoubles.readInterleaved(new DataInputStream(new ByteArrayInputStream(b.toByteArray())), x2, y2, n);
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToLongBits(x2[i])).isEqualTo(Double.doubleToLongBits(x[i]));
                assertThat(Double.doubleToLongBits(y2[i])).isEqualTo(Double.doubleToLongBits(y[i]));
            }
        }
    }
}
