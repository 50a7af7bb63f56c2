package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint bytes of a warm key are exactly those of the release before the bulk array writes (commit b9810d4,
 * format 5): {@code keystate/v5-lms-rls-nlms.bin} was written there by {@link #writeGoldenFile()} from the same run.
 * The key holds every array kind the format has (history ring, warm-up moments, learner weights, an RLS covariance,
 * pending forecasts, error sums and target moments, a Hedge ensemble), so a reordered or re-encoded double anywhere
 * (a NaN's bits included: the run has none, {@code BulkDoublesTest} covers those) fails here.
 */
class KeyStateBytesTest {
    static final int SAMPLES = 60;

    static ForecastConfig config() {
        return new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("lms", "lms", 3, Map.of()),
                new LearnerSpec("rls", "rls", 3, Map.of()), new LearnerSpec("nlms", "nlms", 2, Map.of())), 100.0, 12, 10, 3, 100_000, 1, 7L,
                "hedge");
    }

    static Sample sample(int n) {
        return new Sample("a", 1_000 + 100L * n, new double[] {Math.sin(n / 4.0) * 5 + 1, Math.cos(n / 7.0) - 2, n % 5 - 2.5});
    }

    /** The key state of key "a" after {@link #SAMPLES} samples. */
    static KeyState warmState() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config())),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        for (int n = 0; n < SAMPLES; n++) h.processElement(sample(n), sample(n).ts);
        List<Forecast> out = h.extractOutputValues();
        assertThat(out).isNotEmpty();
        KeyState s = KeyStateMigrationTest.keyState(h, "a").value();
        h.close();
        return s;
    }

    static byte[] plainBytes(KeyState s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.write(new DataOutputStream(b));
        return b.toByteArray();
    }

    /** Regenerates the golden file; run with -Dtidecast.writeGolden=DIR (only when the format is meant to change). */
    @Test
    void writeGoldenFile() throws Exception {
        String dir = System.getProperty("tidecast.writeGolden");
        Assumptions.assumeTrue(dir != null, "only on request");
        Files.createDirectories(Path.of(dir));
        Files.write(Path.of(dir, "v" + KeyState.VERSION + "-lms-rls-nlms.bin"), plainBytes(warmState()));
    }

    @Test
    void aWarmKeyIsWrittenByteForByteAsTheReleaseBeforeWroteIt() throws Exception {
        byte[] golden = KeyStateMigrationTest.resource("v5-lms-rls-nlms.bin");
        KeyState s = warmState();
        assertThat(s.tracks).isNotNull();
        assertThat(s.covariances).isNotNull();
        assertThat(s.ensembles).isNotNull();
        assertThat(plainBytes(s)).isEqualTo(golden);
        // through the Flink serializer too: into an in-memory buffer, and into a checkpoint-like stream
        DataOutputSerializer mem = new DataOutputSerializer(64);
        KeyStateSerializer.INSTANCE.serialize(s, mem);
        assertThat(mem.getCopyOfBuffer()).isEqualTo(golden);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        KeyStateSerializer.INSTANCE.serialize(s, new DataOutputViewStreamWrapper(stream));
        assertThat(stream.toByteArray()).isEqualTo(golden);
    }

    @Test
    void theGoldenStateRestoresAndContinuesAsTheUninterruptedRun() throws Exception {
        byte[] golden = KeyStateMigrationTest.resource("v5-lms-rls-nlms.bin");
        KeyState fromStream = KeyState.read(new DataInputStream(new ByteArrayInputStream(golden)));
        KeyState fromFlink = KeyStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(golden));
        assertThat(plainBytes(fromStream)).isEqualTo(golden);
        assertThat(plainBytes(fromFlink)).isEqualTo(golden);
        assertThat(plainBytes(fromFlink.copy())).isEqualTo(golden);

        // a restored key forecasts exactly what the uninterrupted run forecasts next
        var uninterrupted = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config())),
                (Sample x) -> x.key, Types.STRING);
        uninterrupted.open();
        for (int n = 0; n < SAMPLES + 20; n++) uninterrupted.processElement(sample(n), sample(n).ts);
        List<String> expected = uninterrupted.extractOutputValues().stream().filter(f -> f.ts >= sample(SAMPLES).ts)
                .map(KeyStateMigrationTest::line).toList();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config())),
                (Sample x) -> x.key, Types.STRING);
        restored.open();
        KeyStateMigrationTest.keyState(restored, "a").update(fromFlink);
        for (int n = SAMPLES; n < SAMPLES + 20; n++) restored.processElement(sample(n), sample(n).ts);
        assertThat(expected).isNotEmpty();
        assertThat(restored.extractOutputValues().stream().map(KeyStateMigrationTest::line).toList()).containsExactlyElementsOf(expected);
    }
}
