package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The heap backend's copy-on-write takes {@link KeyStateSerializer#copy} of every key after each checkpoint and goes on
 * with the copy: it must write the same bytes, share nothing with the original, and continue bit-identically.
 */
class KeyStateCopyTest {
    /** Kinds other tests of this JVM may have registered. */
    static final java.util.Set<String> TEST_KINDS = java.util.Set.of("spy", "diverging");
    static final List<String> GRID = List.of("lms[eta=1e-05]", "lms[eta=0.003]");

    /** Every registered learner kind with its defaults, an LMS grid searched two ways, a network shared by the horizons. */
    static ForecastConfig everyKind() {
        List<LearnerSpec> learners = new ArrayList<>();
        Learners.kinds().stream().filter(k -> !TEST_KINDS.contains(k)).sorted().forEach(k -> learners.add(new LearnerSpec(k, k, 12, Map.of())));
        learners.add(new LearnerSpec("snap1-shared", "rnn-snap1", 12, Map.of("shareHorizons", 1.0)));
        learners.add(new LearnerSpec(GRID.get(0), "lms", 12, Map.of("eta", 1e-5)));
        learners.add(new LearnerSpec(GRID.get(1), "lms", 12, Map.of("eta", 0.003)));
        return new ForecastConfig(new long[] {100, 500, 1000}, learners, 100.0, 50, 50, 12, 600_000, 3, 42L, "hedge",
                List.of(new EnsembleSpec("lms-mix", "hedge", EnsembleSpec.Mode.MIX, GRID),
                        new EnsembleSpec("lms-pick", "adanormalhedge", EnsembleSpec.Mode.PICK, GRID)));
    }

    static byte[] bytes(KeyState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        s.write(out);
        return out.getCopyOfBuffer();
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h, int from, int to) throws Exception {
        for (int n = from; n < to; n++) h.processElement(KeyStateSizeTest.sample(n), KeyStateSizeTest.sample(n).ts);
    }

    static List<String> forecasts(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        return h.extractOutputValues().stream().map(KeyStateMigrationTest::line).toList();
    }

    @Test
    void aCopyWritesTheSameBytesSharesNothingAndContinuesBitIdentically() throws Exception {
        ForecastConfig cfg = everyKind();
        var original = EnsembleOperatorTest.harness(cfg);
        feed(original, 0, 120);
        KeyState live = KeyStateMigrationTest.keyState(original, "k").value();
        assertThat(live.ensembles).isNotEmpty();
        assertThat(live.covariances).isNotEmpty();
        assertThat(live.networks).isNotEmpty();
        byte[] atCopy = bytes(live);

        KeyState copy = KeyStateSerializer.INSTANCE.copy(live);
        assertThat(bytes(copy)).as("the copy writes the original's bytes").isEqualTo(atCopy);
        KeyState second = KeyStateSerializer.INSTANCE.copy(live);

        var resumed = EnsembleOperatorTest.harness(cfg);
        KeyStateMigrationTest.keyState(resumed, "k").update(copy);
        int before = original.extractOutputValues().size();
        feed(original, 120, 160);
        feed(resumed, 120, 160);
        List<String> originalAfter = forecasts(original);
        assertThat(forecasts(resumed)).as("the copy forecasts what the original does").isNotEmpty()
                .isEqualTo(originalAfter.subList(before, originalAfter.size()));
        assertThat(bytes(KeyStateMigrationTest.keyState(resumed, "k").value())).isEqualTo(bytes(live));
        assertThat(bytes(live)).as("the original moved on").isNotEqualTo(atCopy);
        assertThat(bytes(second)).as("another copy is untouched by both").isEqualTo(atCopy);
        original.close();
        resumed.close();
    }
}
