package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 keys churning through the operator on the RocksDB state backend: each key lives for a few samples and
 * then goes idle; the TTL expires it. Live state and timers stay bounded by the keys active within one TTL,
 * and once every key has expired nothing is left (no leaked state, no leaked timer).
 */
class RocksDbKeyChurnTest {

    /** Keys with forecast state, counted in RocksDB itself (the harness's own counter covers heap backends only). */
    static int liveKeys(KeyedOneInputStreamOperatorTestHarness<String, Sample, Forecast> h) throws Exception {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys("tidecast-key-state", VoidNamespace.INSTANCE)) {
            return (int) keys.count();
        }
    }

    @Test
    void stateAndTimersStayBoundedWhileKeysComeAndGo(@TempDir java.nio.file.Path tmp) throws Exception {
        long ttl = 1_000;
        var cfg = new ForecastConfig(new long[] {100}, List.of(new LearnerSpec("last", "last", 1, Map.of())), 100.0, 3, 2, 3, ttl, 1, 7L);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(cfg)),
                (Sample s) -> s.key, Types.STRING);
        EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
        rocks.setDbStoragePath(tmp.toString());
        h.setStateBackend(rocks);
        h.open();
        assertThat(h.getOperator().getKeyedStateBackend().getClass().getSimpleName()).isEqualTo("RocksDBKeyedStateBackend");

        int keys = 100_000;
        int maxLive = 0;
        long forecasts = 0;
        for (int i = 0; i < keys; i++) {
            long ts = 10L * i; // a new key every 10 ms of event time: 100 keys arrive per TTL
            String key = "k" + i;
            // every 50th key sends enough samples to get warm and forecast; the others send one
            int samples = i % 50 == 0 ? 5 : 1;
            for (int n = 0; n < samples; n++) h.processElement(new Sample(key, ts + n, new double[] {n}), ts + n);
            if (i % 100 == 99) {
                h.processWatermark(new Watermark(ts));
                if (i % 10_000 == 9_999) {
                    int live = liveKeys(h);
                    maxLive = Math.max(maxLive, live);
                    assertThat(h.numEventTimeTimers()).as("timers at key %d", i).isLessThanOrEqualTo(2 * 110);
                }
            }
            forecasts += h.extractOutputValues().size();
            h.getOutput().clear();
        }
        // the keys of about one TTL are live at any time
        assertThat(maxLive).as("live keyed state entries").isBetween(90, 2 * 110);
        assertThat(forecasts).isEqualTo(keys / 50 * 3L); // 5 samples, warm-up 3: forecasts at samples 3, 4, 5

        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(liveKeys(h)).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
