package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A format-4 key state with a shared network in the summed-loss layout (never released; golden file
 * {@code keystate/v4-shared.bin} written at commit 5915145 after 50 samples of {@link KeyStateMigrationTest#sample})
 * restores: its other learners continue, the network starts afresh in the current layout and says so once.
 */
class KeyStateV4SharedMigrationTest {

    static ForecastConfig config() {
        return new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("rls", "rls", 3, Map.of()),
                new LearnerSpec("snap", "rnn-snap1", 3, Map.of("hidden", 6.0, "shareHorizons", 1.0))), 100.0, 12, 10, 3, 100_000, 1, 7L, "hedge");
    }

    @Test
    void aFormat4SharedNetworkRestoresAndStartsAfreshInTheCurrentLayout() throws Exception {
        byte[] v4 = KeyStateMigrationTest.resource("v4-shared.bin");
        assertThat(new DataInputStream(new ByteArrayInputStream(v4)).readInt()).isEqualTo(4);
        KeyState restored = KeyState.read(new DataInputStream(new ByteArrayInputStream(v4)));
        assertThat(restored.networks).hasSize(1);
        assertThat(restored.networks[0].stale()).isTrue();
        assertThat(restored.networks[0].model).isEqualTo("snap");
        long rlsSteps = restored.samples;

        // a checkpoint before the key's next sample keeps the stand-in
        ByteArrayOutputStream early = new ByteArrayOutputStream();
        restored.write(new DataOutputStream(early));
        assertThat(KeyState.read(new DataInputStream(new ByteArrayInputStream(early.toByteArray()))).networks[0].stale()).isTrue();

        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config())),
                (Sample s) -> s.key, Types.STRING);
        h.open();
        KeyStateMigrationTest.keyState(h, "a").update(restored);
        for (int n = 50; n < 90; n++) h.processElement(KeyStateMigrationTest.sample(n), KeyStateMigrationTest.sample(n).ts);
        List<Forecast> f = h.extractOutputValues();
        assertThat(f).hasSize(40 * 2 * 3); // rls, snap and the ensemble at both horizons
        assertThat(f).allSatisfy(x -> assertThat(java.util.Arrays.stream(x.values).allMatch(Double::isFinite)).isTrue());
        var rejects = h.getSideOutput(ForecastFunction.REJECTS);
        assertThat(rejects).hasSize(1);
        Reject r = rejects.iterator().next().getValue();
        assertThat(r.toString()).contains("snap").contains("format 4").contains("afresh");

        KeyState now = KeyStateMigrationTest.keyState(h, "a").value();
        assertThat(now.networks[0].stale()).isFalse();
        assertThat(now.networks[0].network.trainer().steps()).isEqualTo(40); // learned every window since the restore
        assertThat(now.samples).isEqualTo(rlsSteps + 40);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        now.write(new DataOutputStream(bytes));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        KeyState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))).write(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }
}
