package io.tidecast.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the sample decoder: whatever bytes arrive, decoding either yields a usable sample or a
 * reject with a reason, never another exception (which would fail the job) and never a sample the operator
 * cannot use (no key, non-finite values).
 */
class SampleCodecFuzzTest {
    static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-1e999", "NaN", "\"key\"",
        "\"ts\"", "\"values\"", "\"groups\"", "\"context\"", "1.5", "-0", "9223372036854775808", "\\u0000", "\uFEFF", "\u00e9", "  ",
        "{\"a\":[[[[[[]]]]]]}", "\"\\ud800\""};

    static byte[] valid(SplittableRandom rnd) {
        Sample s = new Sample("key-" + rnd.nextInt(5), rnd.nextLong(0, 4_000_000_000_000L), new double[1 + rnd.nextInt(9)]);
        for (int i = 0; i < s.values.length; i++) s.values[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-5, 6));
        if (rnd.nextBoolean()) s.groups = new String[] {"g" + rnd.nextInt(3)};
        if (rnd.nextBoolean()) s.context = new double[] {rnd.nextDouble()};
        return new SampleCodec().encode(s);
    }

    static byte[] mutate(SplittableRandom rnd, byte[] in) {
        byte[] b = in.clone();
        switch (rnd.nextInt(6)) {
            case 0 -> { // flip bytes
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n && b.length > 0; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 2 -> { // splice a JSON-ish fragment in
                String s = new String(b, StandardCharsets.UTF_8);
                int at = rnd.nextInt(s.length() + 1);
                b = (s.substring(0, at) + FRAGMENTS[rnd.nextInt(FRAGMENTS.length)] + s.substring(at)).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> { // delete a span
                if (b.length > 1) {
                    int from = rnd.nextInt(b.length);
                    int to = Math.min(b.length, from + 1 + rnd.nextInt(8));
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    b = c;
                }
            }
            case 4 -> { // random bytes
                b = new byte[rnd.nextInt(64)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            }
            default -> { // deep nesting or a huge token
                String open = "[".repeat(rnd.nextInt(1, 3000));
                b = (rnd.nextBoolean() ? "{\"key\":\"k\",\"ts\":1,\"values\":" + open : "{\"key\":\"" + "x".repeat(rnd.nextInt(1, 100_000)) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return b;
    }

    @Test
    void decodingNeverThrowsAnythingButARejectAndNeverYieldsAnUnusableSample() {
        SplittableRandom rnd = new SplittableRandom(20261123L);
        SampleCodec codec = new SampleCodec();
        int decoded = 0;
        int rejected = 0;
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            byte[] input = rnd.nextInt(10) == 0 ? valid(rnd) : mutate(rnd, valid(rnd));
            try {
                Sample s = codec.decode(input, new RecordOrigin("t", 0, i));
                assertThat(s.key).isNotEmpty();
                assertThat(s.values).isNotEmpty();
                for (double v : s.values) assertThat(Double.isFinite(v)).as(new String(input, StandardCharsets.UTF_8)).isTrue();
                if (s.context != null) for (double v : s.context) assertThat(Double.isFinite(v)).isTrue();
                decoded++;
            } catch (RejectedRecordException e) {
                assertThat(e.reason()).isNotBlank();
                assertThat(e.code()).as("every reject has a code").isNotNull();
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("input #" + i + " made the decoder throw " + e + ": " + new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8));
            }
        }
        // the fuzzer must exercise both outcomes substantially, or it proves nothing
        assertThat(decoded).isGreaterThan(total / 20);
        assertThat(rejected).isGreaterThan(total / 2);
        // and the codec still works afterwards (no corrupted internal buffers)
        assertThat(codec.decode(valid(new SplittableRandom(1)), null).key).startsWith("key-");
    }
}
