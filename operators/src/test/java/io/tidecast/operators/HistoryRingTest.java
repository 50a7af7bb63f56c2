package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoryRingTest {
    private static final int DIM = 3;
    private static final double[] MEAN = {-490.25, 0.5, 1e-3};
    private static final double[] STD = {3.7, 0.123, 7e-5};

    private static double[] values(Random r) {
        return new double[] {-490 + 10 * r.nextGaussian(), r.nextGaussian(), 1e-4 * r.nextGaussian()};
    }

    /** What the operator computed from the raw ring wherever a window was read, before the standardised ring. */
    private static void assertStandardisedAsRead(HistoryRing ring, long newest) {
        double[] z = ring.standardised(newest, MEAN, STD);
        for (long s = Math.max(0, newest - ring.capacity + 1); s <= newest; s++) {
            for (int c = 0; c < DIM; c++) {
                double asRead = (ring.get(s, c) - MEAN[c]) / STD[c];
                assertThat(Double.doubleToRawLongBits(z[ring.slot(s) + c])).as("sample %d coordinate %d", s, c)
                        .isEqualTo(Double.doubleToRawLongBits(asRead));
            }
        }
    }

    @Test
    void theStandardisedRingFollowsEveryPutResizeCopyAndRestore() throws Exception {
        Random r = new Random(3);
        HistoryRing ring = new HistoryRing(DIM, 50);
        long n = 0;
        for (; n < 50; n++) ring.put(n, values(r));
        assertStandardisedAsRead(ring, n - 1); // the warm-up replay reads the whole buffer
        ring.resize(23, n - 1);
        assertStandardisedAsRead(ring, n - 1);
        for (int i = 0; i < 100; i++, n++) {
            ring.put(n, values(r));
            if (i % 7 != 0) assertStandardisedAsRead(ring, n); // some samples are not read at all
        }
        HistoryRing copy = ring.copy();
        copy.put(n, values(r));
        assertStandardisedAsRead(copy, n);
        assertStandardisedAsRead(ring, n - 1); // the original is not touched by the copy's new sample

        var bytes = new ByteArrayOutputStream();
        copy.write(new DataOutputStream(bytes));
        HistoryRing restored = HistoryRing.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), DIM);
        for (long m = n + 1; m < n + 30; m++) {
            restored.put(m, values(r));
            assertStandardisedAsRead(restored, m);
        }
    }
}
