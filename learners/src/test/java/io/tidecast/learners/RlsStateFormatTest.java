package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RLS state format 2 stores P as its upper triangle with a "shared" flag; format 1 (as the first release wrote it) still reads, exactly. */
class RlsStateFormatTest {

    /** Format 1, field by field as the first release wrote it (the committed savepoint fixture holds such bytes too). */
    static byte[] formatOne(Rls r, int d, int k, double lambda, double delta, double maxTrace) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(Rls.KIND);
        out.writeInt(1); // learner envelope
        out.writeInt(1); // RLS state version 1
        out.writeInt(d);
        out.writeInt(k);
        out.writeDouble(lambda);
        out.writeDouble(delta);
        out.writeDouble(maxTrace);
        out.writeLong(r.steps());
        out.writeLong(r.resets());
        for (double v : r.weights()) out.writeDouble(v);
        for (double v : r.covariance()) out.writeDouble(v);
        return bytes.toByteArray();
    }

    @Test
    void formatOneReadsAndContinuesIdentically() throws Exception {
        int d = 2, k = 3;
        LearnerSpec spec = new LearnerSpec("rls", "rls", k, Map.of("lambda", 0.95, "delta", 0.1, "maxTrace", 500.0));
        Rls live = (Rls) Learners.create(spec, new LearnerContext(d, k, 10, 1L));
        double[] x = new double[1 + d * k];
        double[] y = new double[d];
        for (int n = 0; n < 200; n++) {
            x[0] = 1;
            for (int i = 1; i < x.length; i++) x[i] = Math.sin(0.1 * n + i);
            y[0] = Math.cos(0.1 * n);
            y[1] = Math.sin(0.05 * n);
            live.learn(x, y);
        }

        Rls old = (Rls) Learners.read(new DataInputStream(new ByteArrayInputStream(formatOne(live, d, k, 0.95, 0.1, 500.0))));
        assertThat(old.steps()).isEqualTo(live.steps());
        double[] a = new double[d];
        double[] b = new double[d];
        for (int n = 200; n < 260; n++) {
            for (int i = 1; i < x.length; i++) x[i] = Math.sin(0.1 * n + i);
            live.predict(x, a);
            old.predict(x, b);
            assertThat(b).containsExactly(a);
            y[0] = Math.cos(0.1 * n);
            y[1] = Math.sin(0.05 * n);
            live.learn(x, y);
            old.learn(x, y);
        }
    }
}
