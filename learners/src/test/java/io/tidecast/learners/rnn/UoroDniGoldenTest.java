package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * UORO and DNI steps are tuned for speed under the rule that results stay bit-identical: the SHA-256 of every
 * forecast and of the serialized trainer state every 500 steps over 2,000-step runs must equal the hash the
 * unoptimised step gave (computed on main at 41a0e30, before the small-q tuning). Shapes cover q below, at and
 * above UORO's 64-sign RNG words, odd q (the forward pass's two-row tail) and odd q·n (the norm's tail), a tight
 * clip (0.05) as well as P25's 100, and a restore from the serialized state every 500 steps (rows of θ̃ and A are
 * written as the row-major arrays they were). A changed hash means changed arithmetic, not a flaky test.
 */
class UoroDniGoldenTest {

    @ParameterizedTest(name = "{0} q={1} k={2} clip={3}")
    @CsvSource({
            "UORO, 3, 4, 100, 74ed202234a769d8",
            "UORO, 3, 4, 0.05, b876466d3492b04e",
            "UORO, 30, 12, 100, 7948cd193150cdd0",
            "UORO, 30, 12, 0.05, 0ad8513fe591574d",
            "UORO, 31, 36, 100, fbb66619b76a7dac",
            "UORO, 70, 12, 100, b70a32e18807c6c2",
            "UORO, 70, 4, 0.05, f34e683738e80f9d",
            "UORO, 129, 4, 100, b3ced28889bdaa73",
            "DNI, 3, 4, 100, 31b8aaf58e4ae81f",
            "DNI, 3, 4, 0.05, d52e5c3602d6881f",
            "DNI, 30, 12, 100, 74c0d927a3697ed2",
            "DNI, 30, 12, 0.05, f1d501521509d3db",
            "DNI, 31, 36, 100, 87212c988773e747",
            "DNI, 70, 12, 100, 0e0b7e1401b59267",
            "DNI, 70, 4, 0.05, a36acc2653be90af",
    })
    void twoThousandStepsHashAsBefore(RnnTrainer.Algorithm alg, int q, int k, double clip, String expected) throws Exception {
        assertEquals(expected, hash(alg, q, k, clip, false));
        assertEquals(expected, hash(alg, q, k, clip, true), "restored from its serialized state every 500 steps");
    }

    static String hash(RnnTrainer.Algorithm alg, int q, int k, double clip, boolean restore)
            throws IOException, NoSuchAlgorithmException {
        int d = 9, in = 1 + d * k;
        RnnTrainer t = RnnTrainer.create(alg, q, in, d, 0.01, clip, RnnTrainer.DEFAULT_INIT_STD, 17L + q);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        double[] u = new double[in], y = new double[d], yhat = new double[d];
        ByteBuffer buf = ByteBuffer.allocate(8 * d);
        for (int s = 1; s <= 2000; s++) {
            u[0] = 1;
            for (int l = 0; l < k; l++) for (int c = 0; c < d; c++) u[1 + l * d + c] = signal(c, s + l);
            for (int c = 0; c < d; c++) y[c] = signal(c, s + k);
            t.predictAndLearn(u, y, yhat);
            buf.clear();
            for (double v : yhat) buf.putDouble(v);
            sha.update(buf.array());
            if (s % 500 == 0) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                t.writeState(new DataOutputStream(bytes));
                sha.update(bytes.toByteArray());
                if (restore) t = RnnTrainer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** A breathing-like channel c at sample t (10 Hz), with a little deterministic roughness. */
    private static double signal(int c, int t) {
        double time = t / 10.0, f = 0.25 + 0.01 * c;
        return 1.35 * (Math.sin(2 * Math.PI * f * time + 0.7 * c) + 0.3 * Math.sin(4 * Math.PI * f * time + 1.4 * c))
                + 0.05 * Math.sin(12.9898 * t + 78.233 * c);
    }
}
