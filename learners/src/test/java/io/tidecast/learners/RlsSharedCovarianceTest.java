package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One P shared by RLS learners that see the same inputs gives bit-identical weights to one P each. */
class RlsSharedCovarianceTest {
    static final int D = 2;
    static final int K = 3;
    static final int M = 1 + D * K;

    @Test
    void sharedCovarianceEqualsOneCovariancePerLearnerBitForBit() throws Exception {
        LearnerContext ctx = new LearnerContext(D, K, 10, 1);
        LearnerSpec spec = new LearnerSpec("r", "rls", K, Map.of("lambda", 0.97));
        Rls own1 = (Rls) Learners.create(spec, ctx);
        Rls own2 = (Rls) Learners.create(spec, ctx);
        Rls shared1 = (Rls) Learners.create(spec, ctx);
        Rls shared2 = (Rls) Learners.create(spec, ctx);
        RlsCovariance p = shared1.shareCovariance();
        shared2.shareCovariance();
        double[] px = new double[M];
        Random rnd = new Random(5);
        for (int t = 0; t < 3_000; t++) {
            double[] x = new double[M];
            TestData.randomInput(rnd, x);
            double[] y1 = {rnd.nextGaussian(), rnd.nextGaussian()};
            double[] y2 = {rnd.nextGaussian(), rnd.nextGaussian()};
            own1.learn(x, y1);
            own2.learn(x, y2);
            double inv = p.gain(x, px);
            shared1.learn(x, y1, px, inv);
            shared2.learn(x, y2, px, inv);
            p.downdate(px, inv);
        }
        assertThat(shared1.weights()).isEqualTo(own1.weights());
        assertThat(shared2.weights()).isEqualTo(own2.weights());
        // the shared learner's state holds W only; P round-trips through its packed form exactly
        assertThat(TestData.snapshot(shared1).length).isLessThan(TestData.snapshot(own1).length - M * M * 8 / 2);
        var out = new java.io.ByteArrayOutputStream();
        p.write(new java.io.DataOutputStream(out));
        RlsCovariance back = RlsCovariance.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(back.p).isEqualTo(p.p);
        assertThat(back.full()).isEqualTo(own1.covariance());
    }

    @Test
    void aVersionOneStateWithTheFullCovarianceStillReads() throws Exception {
        Rls r = (Rls) Learners.create(new LearnerSpec("r", "rls", K, Map.of()), new LearnerContext(D, K, 10, 1));
        double[] x = new double[M];
        TestData.randomInput(new Random(3), x);
        r.learn(x, new double[] {1, 2});
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(bytes);
        out.writeUTF("rls");
        out.writeInt(Learners.FORMAT_VERSION);
        out.writeInt(1);
        out.writeInt(D);
        out.writeInt(K);
        out.writeDouble(Rls.DEFAULT_LAMBDA);
        out.writeDouble(Rls.DEFAULT_DELTA);
        out.writeDouble(Rls.DEFAULT_TRACE_FACTOR * M / Rls.DEFAULT_DELTA);
        out.writeLong(1);
        out.writeLong(0);
        for (double v : r.weights()) out.writeDouble(v);
        for (double v : r.covariance()) out.writeDouble(v);
        Rls back = (Rls) TestData.restore(bytes.toByteArray());
        assertThat(back.weights()).isEqualTo(r.weights());
        assertThat(back.covariance()).isEqualTo(r.covariance());
    }
}
