package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A format-3 key state (commit 8b464de: one SnAp-1 network per horizon, a shared RLS covariance, target moments kept
 * by every model) restores in this release and continues exactly as format 3 did: the same forecasts, and the same
 * metrics although the target moments are now kept once per horizon. Golden files {@code keystate/v3-rnn*} were
 * written by {@link #writeGoldenFiles()} at that commit.
 */
class KeyStateV3MigrationTest {
    static final int SNAPSHOT_AT = 50;
    static final int TOTAL = 90;

    static ForecastConfig config() {
        return new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("rls", "rls", 3, Map.of()),
                new LearnerSpec("snap", "rnn-snap1", 3, Map.of("hidden", 6.0))), 100.0, 12, 10, 3, 100_000, 1, 7L, "hedge");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config())),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        return h;
    }

    static List<String> metricsLines(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) {
        var q = h.getSideOutput(ForecastFunction.METRICS);
        List<String> out = new ArrayList<>();
        if (q != null) for (StreamRecord<MetricsRecord> r : q) out.add(r.getValue().toString());
        return out;
    }

    /** Regenerates the golden files (at the format-3 commit); run with -Dtidecast.writeGolden=DIR. */
    @Test
    void writeGoldenFiles() throws Exception {
        String dir = System.getProperty("tidecast.writeGolden");
        Assumptions.assumeTrue(dir != null, "only on request");
        var h = harness();
        for (int n = 0; n < SNAPSHOT_AT; n++) h.processElement(KeyStateMigrationTest.sample(n), KeyStateMigrationTest.sample(n).ts);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KeyStateMigrationTest.keyState(h, "a").value().write(new DataOutputStream(bytes));
        int before = h.extractOutputValues().size();
        int metricsBefore = metricsLines(h).size();
        for (int n = SNAPSHOT_AT; n < TOTAL; n++) h.processElement(KeyStateMigrationTest.sample(n), KeyStateMigrationTest.sample(n).ts);
        List<String> lines = new ArrayList<>();
        for (Forecast f : h.extractOutputValues().subList(before, h.extractOutputValues().size())) lines.add(KeyStateMigrationTest.line(f));
        lines.addAll(metricsLines(h).subList(metricsBefore, metricsLines(h).size()));
        Path d = Path.of(dir);
        Files.createDirectories(d);
        Files.write(d.resolve("v" + KeyState.VERSION + "-rnn.bin"), bytes.toByteArray());
        Files.write(d.resolve("v" + KeyState.VERSION + "-rnn-continuation.txt"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void aVersion3StateWithPerHorizonNetworksContinuesExactlyAsVersion3Did() throws Exception {
        byte[] v3 = KeyStateMigrationTest.resource("v3-rnn.bin");
        assertThat(new DataInputStream(new ByteArrayInputStream(v3)).readInt()).isEqualTo(3);
        KeyState restored = KeyState.read(new DataInputStream(new ByteArrayInputStream(v3)));
        assertThat(restored.networks).isNull(); // the key keeps its per-horizon networks
        assertThat(restored.targets).hasSize(2);
        List<String> expected = new String(KeyStateMigrationTest.resource("v3-rnn-continuation.txt"), StandardCharsets.UTF_8).lines().toList();

        var h = harness();
        KeyStateMigrationTest.keyState(h, "a").update(restored);
        for (int n = SNAPSHOT_AT; n < TOTAL; n++) h.processElement(KeyStateMigrationTest.sample(n), KeyStateMigrationTest.sample(n).ts);
        List<String> got = new ArrayList<>();
        for (Forecast f : h.extractOutputValues()) got.add(KeyStateMigrationTest.line(f));
        assertThat(got).hasSize((TOTAL - SNAPSHOT_AT) * 8);
        got.addAll(metricsLines(h));
        assertThat(got.stream().filter(l -> l.contains("nrmse=0.") || l.contains("nrmse=1.")).count()).isGreaterThan(10);
        assertThat(got).containsExactlyElementsOf(expected);

        // written back in the current format, it reads back to the same bytes
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        KeyStateMigrationTest.keyState(h, "a").value().write(new DataOutputStream(now));
        assertThat(new DataInputStream(new ByteArrayInputStream(now.toByteArray())).readInt()).isEqualTo(KeyState.VERSION);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        KeyState.read(new DataInputStream(new ByteArrayInputStream(now.toByteArray()))).write(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(now.toByteArray());
    }
}
