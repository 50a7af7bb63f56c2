package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The serialised size of one warm key with the learner set of issue #6's state target (LMS + RLS + SnAp-1 q = 30, 9
 * channels, history 1.2 s at 10 Hz, horizons 100/500/1000 ms, the default metrics window), part by part.
 */
class KeyStateSizeTest {
    static final int DIM = 9;

    static ForecastConfig config(List<String> kinds) {
        // KIND, or KIND:shared for an RNN serving every horizon with one network
        List<LearnerSpec> learners = kinds.stream().map(k -> k.endsWith(":shared")
                ? new LearnerSpec(k, k.substring(0, k.indexOf(':')), 12, Map.of("shareHorizons", 1.0))
                : new LearnerSpec(k, k, 12, Map.of())).toList();
        return new ForecastConfig(new long[] {100, 500, 1000}, learners, 100.0, 50, 50, 12, 600_000, 3, 42L, "none");
    }

    static Sample sample(int n) {
        double[] v = new double[DIM];
        for (int c = 0; c < DIM; c++) v[c] = 10 * Math.sin(2 * Math.PI * n / 40.0 + c) + c + 0.1 * Math.cos(n * 1.7 + c * c);
        return new Sample("k", 1_000 + 100L * n, v);
    }

    static KeyState warmState(List<String> kinds, int samples) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast>(
                new KeyedProcessOperator<>(new ForecastFunction(config(kinds))), (Sample s) -> s.key, Types.STRING);
        h.open();
        for (int n = 0; n < samples; n++) h.processElement(sample(n), sample(n).ts);
        KeyState st = KeyStateMigrationTest.keyState(h, "k").value();
        h.close();
        return st;
    }

    static void print(String title, KeyState st) {
        System.out.printf("%s: %,d bytes per key%n", title, st.sizeInBytes());
        KeyStateSizes.of(st).forEach((part, bytes) -> System.out.printf("  %-55s %,9d%n", part, bytes));
    }

    @Test
    void lmsRlsAndOneSnap1NetworkForAllHorizonsStayUnder200Kb() throws Exception {
        KeyState st = warmState(List.of("lms", "rls", "rnn-snap1:shared"), 120);
        print("lms + rls + rnn-snap1 (one network for the 3 horizons)", st);
        assertThat(st.sizeInBytes()).isLessThan(200_000);
        assertThat(KeyStateSizes.of(st).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(st.sizeInBytes());
    }

    @Test
    void thePartsAddUpToTheSerialisedSize() throws Exception {
        KeyState st = warmState(List.of("lms", "rls", "rnn-snap1"), 120);
        print("lms + rls + rnn-snap1 (one network per horizon)", st);
        print("lms + rls", warmState(List.of("lms", "rls"), 120));
        print("lms", warmState(List.of("lms"), 120));
        assertThat(KeyStateSizes.of(st).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(st.sizeInBytes());
    }
}
