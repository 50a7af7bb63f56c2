package io.tidecast.connectors.relax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.records.RelaxSystem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed system gets a specific reject reason; good ones decode in CSR and COO form alike. */
class RelaxSystemCodecCorruptRecordTest {
    static final String A3 = "\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,2,5,7],\"col\":[0,1,0,1,2,1,2],\"val\":[4,-1,-1,4,-1,-1,4]}";

    final RelaxSystemCodec codec = new RelaxSystemCodec();

    RelaxSystem decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), "msg-key", 77);
    }

    @Test
    void csrAndCooDecodeToTheSameValidatedSystem() {
        RelaxSystem csr = decode("{\"key\":\"sim-1\",\"seq\":5,\"context\":0.1," + A3 + ",\"b\":[1,2,3],\"solution\":true}");
        RelaxSystem coo = decode("{\"key\":\"sim-1\",\"seq\":5,\"context\":0.1,\"A\":{\"rows\":3,\"cols\":3,"
                + "\"row\":[2,0,1,1,0,2,1,0],\"col\":[2,0,1,0,1,1,2,0],\"val\":[4,3,4,-1,-1,-1,-1,1]},\"b\":[1,2,3],\"solution\":true}");
        for (RelaxSystem s : new RelaxSystem[] {csr, coo}) {
            assertThat(s.key).isEqualTo("sim-1");
            assertThat(s.seq).isEqualTo(5);
            assertThat(s.context).isEqualTo(0.1);
            assertThat(s.wantSolution).isTrue();
            assertThat(s.rowPtr).containsExactly(0, 2, 5, 7);
            assertThat(s.col).containsExactly(0, 1, 0, 1, 2, 1, 2);
            assertThat(s.val).containsExactly(4, -1, -1, 4, -1, -1, 4); // COO duplicates (3 + 1 at (0,0)) summed
            // tridiag(-1, 4, -1), n = 3: Jacobi radius = (2/4) cos(pi/4)
            assertThat(s.jacobi).isCloseTo(0.5 * Math.cos(Math.PI / 4), org.assertj.core.api.Assertions.within(1e-14));
        }
    }

    @Test
    void optionalFieldsFallBackToTheMessageKeyOffsetAndZeroContext() {
        RelaxSystem s = decode("{" + A3 + ",\"b\":[1,0,0]}");
        assertThat(s.key).isEqualTo("msg-key");
        assertThat(s.seq).isEqualTo(77);
        assertThat(s.context).isZero();
        assertThat(s.wantSolution).isFalse();
    }

    @Test
    void roundTripThroughTheEncoder() {
        SparseSystem a = SparseSystem.laplacian2d(4);
        SparseSystem.Csr c = a.toCsr();
        double[] b = new double[16];
        b[3] = 1;
        RelaxSystem in = new RelaxSystem("k", 9, 0.2, 16, c.rowPtr(), c.col(), c.val(), b, Double.NaN, true);
        RelaxSystem out = codec.decode(codec.encode(in), null, 0);
        assertThat(out.rowPtr).containsExactly(c.rowPtr());
        assertThat(out.val).containsExactly(c.val());
        assertThat(out.b).containsExactly(b);
        assertThat(out.jacobi).isCloseTo(Math.cos(Math.PI / 5), org.assertj.core.api.Assertions.within(1e-13));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all|not JSON",
            "{\"key\":1," + "\"b\":[1]}|key must be a non-blank string",
            "[1,2]|not a JSON object",
            "{\"b\":[1,2,3]}|missing A",
            "{\"A\":{\"rows\":3,\"cols\":2,\"rowPtr\":[0,1,2,3],\"col\":[0,1,1],\"val\":[1,1,1]},\"b\":[1,2,3]}|not square: A is 3 x 2",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2,3],\"col\":[0,1,3],\"val\":[1,1,1]},\"b\":[1,2,3]}|not square 3 x 3: entry 2 at (2, 3) is outside",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2],\"col\":[0,1],\"val\":[1,1]},\"b\":[1,2,3]}|dims mismatch: rowPtr has 3 entries",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2,3],\"col\":[0,1,2],\"val\":[1,1]},\"b\":[1,2,3]}|dims mismatch: rowPtr[n] = 3 but col has 3 and val 2",
            "{" + A3 + ",\"b\":[1,2]}|dims mismatch: b has 2 entries, A is 3 x 3",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2,3],\"col\":[0,1,2],\"val\":[1,\"NaN\",1]},\"b\":[1,2,3]}|A.val[1] is not a number",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2,3],\"col\":[0,1,2],\"val\":[1,NaN,1]},\"b\":[1,2,3]}|not JSON",
            "{\"A\":{\"rows\":3,\"cols\":3,\"rowPtr\":[0,1,2,3],\"col\":[0,1,2],\"val\":[1,1e999,1]},\"b\":[1,2,3]}|A.val[1] is not finite",
            "{" + A3 + ",\"b\":[1,null,3]}|b[1] is not a number",
            "{" + A3 + ",\"b\":[0,0,0]}|b is zero",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,2,4],\"col\":[0,1,0,1],\"val\":[1,2,2,1]},\"b\":[1,1]}|non-convergent: Jacobi spectral radius 2.00000 >= 1",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,2,3],\"col\":[0,1,1],\"val\":[4,-1,4]},\"b\":[1,1]}|not symmetric",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,2,4],\"col\":[0,1,0,1],\"val\":[4,-1,-2,4]},\"b\":[1,1]}|not symmetric: a[0][1] = -1.0 has no equal mirror entry",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,1,2],\"col\":[0,1],\"val\":[4,-3]},\"b\":[1,1]}|non-convergent: diagonal entry 1 is -3.0",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,1,2],\"col\":[0,1],\"val\":[4,4]},\"b\":[1,1],\"context\":\"x\"}|context is not a number",
            "{\"A\":{\"rows\":2,\"cols\":2,\"col\":[0,1],\"val\":[4,4]},\"b\":[1,1]}|A needs rowPtr (CSR) or row (COO triplets)",
            "{\"A\":{\"rows\":2.5,\"cols\":2,\"rowPtr\":[0,1,2],\"col\":[0,1],\"val\":[4,4]},\"b\":[1,1]}|A.rows must be a positive integer",
            "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,1,2],\"col\":[0,1.5],\"val\":[4,4]},\"b\":[1,1]}|A.col[1] is not an integer",
            "{\"A\":{\"rows\":2000000,\"cols\":2000000,\"rowPtr\":[0],\"col\":[],\"val\":[]},\"b\":[1]}|too large: n = 2000000",
            "{\"seq\":\"x\"," + A3 + ",\"b\":[1,2,3]}|seq must be an integer",
    })
    void malformedSystemsAreRejectedWithTheReason(String json, String reason) {
        assertThatThrownBy(() -> decode(json)).isInstanceOf(RejectedRecordException.class).hasMessageContaining(reason);
    }

    @Test
    void truncatedAndMutatedRecordsNeverEscapeAsAnotherException() {
        byte[] good = ("{\"key\":\"s\"," + A3 + ",\"b\":[1,2,3]}").getBytes(StandardCharsets.UTF_8);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] m = java.util.Arrays.copyOf(good, 1 + r.nextInt(good.length));
            if (r.nextBoolean()) m[r.nextInt(m.length)] = (byte) "{}[],:0123456789-.eE\"x".charAt(r.nextInt(22));
            try {
                RelaxSystem s = codec.decode(m, null, i);
                assertThat(s.jacobi).isLessThan(1);
            } catch (RejectedRecordException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(2000);
        assertThatThrownBy(() -> codec.decode(null, "k", 0)).isInstanceOf(RejectedRecordException.class).hasMessageContaining("tombstone");
    }
}
