package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A key state written by an older release restores in this one and continues exactly as the older release did.
 * The golden files in {@code src/test/resources/keystate/} were written by {@link #writeGoldenFiles()} at the
 * release named in the file name (v1: commit 215da16, the first release with the ensemble): the serialised state of
 * key "a" after 50 samples, and the forecasts that release made for the next 30 samples.
 */
class KeyStateMigrationTest {
    static final int SNAPSHOT_AT = 50;
    static final int TOTAL = 80;

    /** The configuration of the golden run: two learners, two horizons, a Hedge ensemble. */
    static ForecastConfig goldenConfig() {
        return new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("ridge", "ridge", 3, Map.of("lambda", 1.0))), 100.0, 12, 10, 3, 100_000, 1, 7L, "hedge");
    }

    static Sample sample(int n) {
        return new Sample("a", 1_000 + 100L * n, new double[] {Math.sin(n / 4.0) * 5 + 1, Math.cos(n / 7.0) - 2});
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(goldenConfig())),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static ValueState<KeyState> keyState(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h, String key) throws Exception {
        KeyedStateBackend<Object> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("tidecast-key-state", KeyStateSerializer.INSTANCE));
    }

    static String line(Forecast f) {
        StringBuilder b = new StringBuilder(f.model + " " + f.horizonMs + " " + f.ts + " " + f.targetTs);
        for (double v : f.values) b.append(' ').append(v);
        return b.toString();
    }

    /** Regenerates the golden files of the current format version; run with -Dtidecast.writeGolden=DIR. */
    @Test
    void writeGoldenFiles() throws Exception {
        String dir = System.getProperty("tidecast.writeGolden");
        Assumptions.assumeTrue(dir != null, "only on request");
        var h = harness();
        for (int n = 0; n < SNAPSHOT_AT; n++) h.processElement(sample(n), sample(n).ts);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyState(h, "a").value().write(new DataOutputStream(bytes));
        int before = h.extractOutputValues().size();
        for (int n = SNAPSHOT_AT; n < TOTAL; n++) h.processElement(sample(n), sample(n).ts);
        List<String> lines = new ArrayList<>();
        for (Forecast f : h.extractOutputValues().subList(before, h.extractOutputValues().size())) lines.add(line(f));
        Path d = Path.of(dir);
        Files.createDirectories(d);
        Files.write(d.resolve("v" + KeyState.VERSION + ".bin"), bytes.toByteArray());
        Files.write(d.resolve("v" + KeyState.VERSION + "-continuation.txt"), lines, StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = KeyStateMigrationTest.class.getResourceAsStream("/keystate/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void aVersion1StateRestoresAndContinuesExactlyAsVersion1Did() throws Exception {
        byte[] v1 = resource("v1.bin");
        assertThat(new DataInputStream(new ByteArrayInputStream(v1)).readInt()).isEqualTo(1);
        KeyState restored = KeyState.read(new DataInputStream(new ByteArrayInputStream(v1)));
        List<String> expected = new String(resource("v1-continuation.txt"), StandardCharsets.UTF_8).lines().toList();

        var h = harness();
        keyState(h, "a").update(restored);
        for (int n = SNAPSHOT_AT; n < TOTAL; n++) h.processElement(sample(n), sample(n).ts);
        List<String> got = h.extractOutputValues().stream().map(KeyStateMigrationTest::line).toList();
        assertThat(got).hasSize((TOTAL - SNAPSHOT_AT) * 6).containsExactlyElementsOf(expected);

        // and it is written back in the current format, which reads back to the same bytes
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        keyState(h, "a").value().write(new DataOutputStream(now));
        assertThat(new DataInputStream(new ByteArrayInputStream(now.toByteArray())).readInt()).isEqualTo(KeyState.VERSION);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        KeyState.read(new DataInputStream(new ByteArrayInputStream(now.toByteArray()))).write(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(now.toByteArray());
    }
}
