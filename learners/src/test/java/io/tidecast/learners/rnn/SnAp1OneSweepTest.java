package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * SnAp-1 updates W in the same sweep as J̄ when its norm bound proves the step unclipped, and takes the two-sweep
 * path otherwise (always on the first step after a restore, whose bounds are unknown). Both must give the same bits.
 */
class SnAp1OneSweepTest {

    @Test
    void oneSweepStepsEqualTheExactPath() throws IOException {
        int q = 12, in = 1 + 9 * 3, p = 9;
        Random r = new Random(5);
        RnnTrainer fast = RnnTrainer.create(RnnTrainer.Algorithm.SNAP1, q, in, p, 0.05, 100.0, 0.3, 9L);
        RnnTrainer exact = RnnTrainer.create(RnnTrainer.Algorithm.SNAP1, q, in, p, 0.05, 100.0, 0.3, 9L);
        double[] u = new double[in], y = new double[p], a = new double[p], b = new double[p];
        int oneSweep = 0;
        for (int t = 0; t < 300; t++) {
            u[0] = 1;
            for (int j = 1; j < in; j++) u[j] = Math.sin(0.3 * t + j) + 0.1 * r.nextGaussian();
            for (int k = 0; k < p; k++) y[k] = Math.cos(0.3 * t + k);
            exact = roundTrip(exact); // forgets the bounds: the next step takes the exact path
            fast.predictAndLearn(u, y, a);
            if (fast.abApplied) oneSweep++;
            exact.predictAndLearn(u, y, b);
            assertEquals(false, exact.abApplied);
            assertArrayEquals(b, a, 0.0);
        }
        assertTrue(oneSweep > 250, "most steps are provably unclipped at clip 100: " + oneSweep);
        assertArrayEquals(state(exact), state(fast));
    }

    private static RnnTrainer roundTrip(RnnTrainer t) throws IOException {
        return RnnTrainer.read(new DataInputStream(new ByteArrayInputStream(state(t))));
    }

    private static byte[] state(RnnTrainer t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
