package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The RNN steps are tuned for speed under one constraint: the same bits. Each case runs a trainer for a fixed number
 * of steps on seeded breathing-like data and hashes (SHA-256) every forecast of {@code predictAndLearn}, every pure
 * {@code predict} and the serialized state at the middle and at the end; the expected hashes were computed with the
 * code before the speed work of this change (main at 41a0e30). Cases cover all four trainers and the reverse-mode
 * RTRL, small and large q, odd q (the forward pass's two-row tail), clipped and unclipped steps.
 */
class StepBitIdentityTest {

    record Case(String name, RnnTrainer.Algorithm alg, int q, int k, double clip, double initStd, int steps) {}

    static final Case[] CASES = {
        new Case("snap1 q3 k12", RnnTrainer.Algorithm.SNAP1, 3, 12, 100, 0.02, 2000),
        new Case("snap1 q30 k12", RnnTrainer.Algorithm.SNAP1, 30, 12, 100, 0.02, 2000),
        new Case("snap1 q31 k36 init0.3", RnnTrainer.Algorithm.SNAP1, 31, 36, 100, 0.3, 2000),
        new Case("snap1 q30 k12 clip0.5", RnnTrainer.Algorithm.SNAP1, 30, 12, 0.5, 0.3, 2000),
        new Case("snap1 q180 k12", RnnTrainer.Algorithm.SNAP1, 180, 12, 100, 0.02, 2000),
        new Case("rtrl q3 k12", RnnTrainer.Algorithm.RTRL, 3, 12, 100, 0.02, 2000),
        new Case("rtrl q10 k12", RnnTrainer.Algorithm.RTRL, 10, 12, 100, 0.02, 2000),
        new Case("rtrl q13 k4 init0.3 clip0.5", RnnTrainer.Algorithm.RTRL, 13, 4, 0.5, 0.3, 2000),
        new Case("rtrl q40 k12", RnnTrainer.Algorithm.RTRL, 40, 12, 100, 0.02, 300),
        new Case("uoro q30 k12", RnnTrainer.Algorithm.UORO, 30, 12, 100, 0.02, 2000),
        new Case("uoro q31 k12 clip0.5", RnnTrainer.Algorithm.UORO, 31, 12, 0.5, 0.3, 2000),
        new Case("dni q30 k12", RnnTrainer.Algorithm.DNI, 30, 12, 100, 0.02, 2000),
        new Case("dni q31 k12 clip0.5", RnnTrainer.Algorithm.DNI, 31, 12, 0.5, 0.3, 2000),
    };

    static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    static {
        EXPECTED.put("snap1 q3 k12", "e6b2dc578488fd907060838b955e785f2e7743aaab4eddc63468bfa224bff3eb");
        EXPECTED.put("snap1 q30 k12", "587d19c42857caf71a6c04cbcfb617ab1feae19ba95a336a95c9a67c4baa9232");
        EXPECTED.put("snap1 q31 k36 init0.3", "c5508677307d2fcedcba6460e837756ac89a2d87217fd56734232c6d8485ca8c");
        EXPECTED.put("snap1 q30 k12 clip0.5", "136ccdf5676f9f611c30b7b8b68fb9b3b52f05a6bd4e4ade153497535257f492");
        EXPECTED.put("snap1 q180 k12", "a1c7e2afd91222f278b045dba85eec8f74a9289bf2c5a257c3954172701ce341");
        EXPECTED.put("rtrl q3 k12", "2ab8b0e5dbd29f3b7dc7a5d3eeb24f1b0336cb8f0fc7d3353264bbe1e7045f39");
        EXPECTED.put("reverse rtrl q3 k12", "6c09b03247ec801ab3ba10c312ca2a71bfe8a829e566516852729c01ff476669");
        EXPECTED.put("rtrl q10 k12", "41236bc49ce7b4aee88af33c97c39618492a7beceb6ef4184cefe41a1866afc9");
        EXPECTED.put("reverse rtrl q10 k12", "2764534dca383972975f993a2707276bf9feed96c7ba33e7f2a7170dc073bb7f");
        EXPECTED.put("rtrl q13 k4 init0.3 clip0.5", "8a64e55800fa5ee1f20bf5e411b3dfb2f4f7f7856dc43971bd0b044dd098293b");
        EXPECTED.put("reverse rtrl q13 k4 init0.3 clip0.5", "91589d7973eeaca93db8813599b93bb4d9403dc85f864c01b8681e649de45162");
        EXPECTED.put("rtrl q40 k12", "d4926c0dd5df53d4f7f890c4382fee9ca7995d3862ffa15896216acb48169f06");
        EXPECTED.put("reverse rtrl q40 k12", "3de8b33ca0b3b2d229aece745fb5ed47889e68efba61148581a239582a09a1af");
        EXPECTED.put("uoro q30 k12", "00d2eca96ad2b72dfb560a75938baf17260c18276887e6e6c23f7ef0610c08de");
        EXPECTED.put("uoro q31 k12 clip0.5", "86afe77c8ad61384db76f976a6b22cb30905b61665207229504aac25d7182727");
        EXPECTED.put("dni q30 k12", "b9f92732c3581b247638cbb1a2bdde0ece4b9dfc6891974f830bb2217ef76c09");
        EXPECTED.put("dni q31 k12 clip0.5", "f68707ccb3e8d42fe3249b4d6a1e7b88a6b328b0d622bdd05736ca984caeaa54");
    }

    static String hash(Case c, boolean reverse) throws IOException, NoSuchAlgorithmException {
        final int p = 9, in = 1 + p * c.k();
        RnnTrainer t = reverse ? RtrlReverse.create(c.q(), in, p, 0.01, c.clip(), c.initStd(), 17L)
                : RnnTrainer.create(c.alg(), c.q(), in, p, 0.01, c.clip(), c.initStd(), 17L);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(3);
        double[] u = new double[in], y = new double[p], out = new double[p], pred = new double[p];
        ByteBuffer buf = ByteBuffer.allocate(16 * p);
        for (int s = 0; s < c.steps(); s++) {
            u[0] = 1;
            for (int l = 0; l < c.k(); l++) {
                for (int ch = 0; ch < p; ch++) u[1 + l * p + ch] = signal(ch, s + l) + 0.05 * r.nextGaussian();
            }
            for (int ch = 0; ch < p; ch++) y[ch] = signal(ch, s + c.k());
            t.predict(u, pred);
            t.predictAndLearn(u, y, out);
            buf.clear();
            for (int ch = 0; ch < p; ch++) buf.putDouble(pred[ch]).putDouble(out[ch]);
            md.update(buf.array());
            if (s == c.steps() / 2 || s == c.steps() - 1) md.update(state(t));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static double signal(int ch, int t) {
        double time = t / 10.0, f = 0.25 + 0.01 * ch;
        return 1.35 * (Math.sin(2 * Math.PI * f * time + 0.7 * ch) + 0.3 * Math.sin(4 * Math.PI * f * time + 1.4 * ch));
    }

    static byte[] state(RnnTrainer t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static String key(Case c, boolean reverse) {
        return (reverse ? "reverse " : "") + c.name();
    }

    @Test
    void stepsGiveTheSameBitsAsBeforeTheSpeedWork() throws Exception {
        Map<String, String> got = new LinkedHashMap<>();
        for (Case c : CASES) {
            got.put(key(c, false), hash(c, false));
            if (c.alg() == RnnTrainer.Algorithm.RTRL) got.put(key(c, true), hash(c, true));
        }
        if (EXPECTED.isEmpty() || Boolean.getBoolean("printGolden")) {
            got.forEach((k, v) -> System.out.println("        EXPECTED.put(\"" + k + "\", \"" + v + "\");"));
        }
        assertEquals(EXPECTED, got);
    }
}
