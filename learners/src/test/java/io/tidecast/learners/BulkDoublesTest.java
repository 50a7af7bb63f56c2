package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stored state must not change by a byte when arrays are written in chunks instead of one value at a time. */
class BulkDoublesTest {
    private static final double[] SPECIAL = {
            0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            // NaNs that are not the canonical one: writeDouble stores them all as 0x7ff8000000000000
            Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7ff0000000000001L),
            Double.longBitsToDouble(0xffffffffffffffffL), 0.0 / 0.0 * -1.0};

    private static double[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : Double.longBitsToDouble(r.nextLong());
        }
        return a;
    }

    private static byte[] oneAtATime(double[] a, int from, int len) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(7);
        for (int i = from; i < from + len; i++) out.writeDouble(a[i]);
        out.writeInt(8);
        return bytes.toByteArray();
    }

    private static byte[] bulk(double[] a, int from, int len) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(7);
        BulkDoubles.write(out, a, from, len);
        out.writeInt(8);
        return bytes.toByteArray();
    }

    @Test
    void writesTheBytesOfWriteDoubleForEveryLengthAroundTheChunkAndEveryKindOfValue() throws IOException {
        for (int n : new int[] {0, 1, 2, 1023, 1024, 1025, 2048, 5995, 11_881}) {
            double[] a = values(n + 10, n);
            assertThat(bulk(a, 0, n)).as("n=%d", n).isEqualTo(oneAtATime(a, 0, n));
            assertThat(bulk(a, 5, n)).as("n=%d from 5", n).isEqualTo(oneAtATime(a, 5, n));
        }
        assertThat(bulk(SPECIAL, 0, SPECIAL.length)).isEqualTo(oneAtATime(SPECIAL, 0, SPECIAL.length));
    }

    @Test
    void readsWhatReadDoubleReadsIncludingNonCanonicalNaNBits() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 1023, 1024, 1025, 3000}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (int i = 0; i < n; i++) out.writeLong(i % 7 == 0 ? 0xfff0000000000abcL : r.nextLong()); // raw bits, NaN payloads too
            out.writeInt(42);
            byte[] stored = bytes.toByteArray();

            DataInputStream expectedIn = new DataInputStream(new ByteArrayInputStream(stored));
            double[] expected = new double[n + 2];
            for (int i = 0; i < n; i++) expected[i + 2] = expectedIn.readDouble();

            DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored));
            double[] got = new double[n + 2];
            BulkDoubles.read(in, got, 2, n);
            assertThat(in.readInt()).as("the reader stops right after the array").isEqualTo(42);
            for (int i = 0; i < n + 2; i++) {
                assertThat(Double.doubleToRawLongBits(got[i])).as("n=%d i=%d", n, i).isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
            assertThat(BulkDoubles.read(new DataInputStream(new ByteArrayInputStream(stored)), n)).hasSize(n);
        }
    }
}
