package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.connectors.kafka.DecodeSamples;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.connectors.kafka.RawRecordTimestamps;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.operators.ForecastConfig;
import io.tidecast.operators.ForecastFunction;
import io.tidecast.operators.GuardedWatermarks;
import io.tidecast.records.Forecast;
import io.tidecast.records.InputLimits;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzz test of the production event-time → decode → forecast chain (operator harnesses; event time and
 * watermarks from the job's own {@link RawRecordTimestamps} and {@link GuardedWatermarks}, as the Kafka source runs them per partition): thousands of bad records of every kind the issue lists, mixed into a
 * stream of good ones. Asserts that no record throws, that every bad record is rejected exactly once with the code
 * its kind calls for, and that the good records' forecasts are exactly those of a run without the bad records.
 */
class BadInputFuzzTest {
    static final SampleCodec CODEC = new SampleCodec();
    static final int KEYS = 12;
    static final int TICKS = 400;
    static final long OUT_OF_ORDERNESS = 1_000;
    static final InputLimits LIMITS = new InputLimits(4_096, 1e9, 3_600_000, KEYS);

    enum Kind { GOOD, NOT_JSON, TOMBSTONE, OVERSIZED, MISSING_FIELD, DUPLICATE_FIELD, WRONG_TYPE, NON_FINITE, OUT_OF_RANGE,
        VECTOR_LENGTH_CHANGED, DUPLICATE_TIMESTAMP, OUT_OF_ORDER, LATE, FUTURE_TIMESTAMP, KEY_BUDGET_EXCEEDED }

    record Generated(RawRecord raw, Kind kind) {}

    static ForecastConfig config() {
        return new ForecastConfig(new long[] {100, 300}, List.of(new LearnerSpec("last", "last", 1, Map.of()),
                new LearnerSpec("lms", "lms", 4, Map.of("eta", 0.001)), new LearnerSpec("rls", "rls", 4, Map.of())),
                100.0, 20, 50, 4, 10_000_000L, 3, 7L, "hedge");
    }

    static double[] good(String key, int n) {
        double p = key.hashCode() % 7;
        return new double[] {10 * Math.sin(n / 8.0 + p), 4 * Math.cos(n / 11.0 + p), 0.01 * n};
    }

    static String json(String key, long ts, String values) {
        return "{\"key\":\"" + key + "\",\"ts\":" + ts + ",\"values\":" + values + "}";
    }

    /** The stream: every good key sends one sample per 100 ms tick; bad records of every kind fall in between. */
    static List<Generated> stream(long seed, boolean withBad) {
        UniformRandomProvider rnd = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Generated> out = new ArrayList<>();
        Kind[] bad = java.util.Arrays.copyOfRange(Kind.values(), 1, Kind.values().length);
        int strangers = 0;
        for (int n = 0; n < TICKS; n++) {
            long ts = 1_700_000_000_000L + 100L * n;
            for (int k = 0; k < KEYS; k++) {
                String key = "good-" + k;
                out.add(new Generated(raw(key, CODEC.encode(new Sample(key, ts, good(key, n)))), Kind.GOOD));
                // keys get state at tick 0, so bad records that need a key's state start at tick 1
                int badHere = withBad && n > 0 ? rnd.nextInt(3) : 0;
                for (int b = 0; b < badHere; b++) {
                    Kind kind = bad[rnd.nextInt(bad.length)];
                    out.add(new Generated(raw(key, badRecord(kind, key, ts, rnd, strangers++)), kind));
                }
            }
        }
        long offset = 0;
        for (Generated g : out) g.raw.offset = offset++;
        return out;
    }

    static RawRecord raw(String key, byte[] value) {
        return new RawRecord("samples", 0, 0, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** A bad record for {@code key}, whose newest good sample has timestamp {@code ts}. */
    static byte[] badRecord(Kind kind, String key, long ts, UniformRandomProvider rnd, int stranger) {
        String v = "[1.0,2.0,3.0]";
        String text = switch (kind) {
            case NOT_JSON -> switch (rnd.nextInt(4)) {
                case 0 -> "garbage " + rnd.nextLong();
                case 1 -> json(key, ts + 1, v).substring(0, 1 + rnd.nextInt(20));
                case 2 -> json(key, ts + 1, v) + "}";
                default -> "[" + v + "]";
            };
            case TOMBSTONE -> null;
            case OVERSIZED -> json(key, ts + 1, "[" + "1.0,".repeat(2_000) + "1.0]");
            case MISSING_FIELD -> switch (rnd.nextInt(3)) {
                case 0 -> "{\"ts\":" + (ts + 1) + ",\"values\":" + v + "}";
                case 1 -> "{\"key\":\"" + key + "\",\"values\":" + v + "}";
                default -> "{\"key\":\"" + key + "\",\"ts\":" + (ts + 1) + "}";
            };
            case DUPLICATE_FIELD -> "{\"key\":\"" + key + "\",\"ts\":" + (ts + 1) + ",\"ts\":" + (ts + 2) + ",\"values\":" + v + "}";
            case WRONG_TYPE -> switch (rnd.nextInt(4)) {
                case 0 -> "{\"key\":\"" + key + "\",\"ts\":\"" + (ts + 1) + "\",\"values\":" + v + "}";
                case 1 -> json(key, ts + 1, "\"1,2,3\"");
                case 2 -> "{\"key\":42,\"ts\":" + (ts + 1) + ",\"values\":" + v + "}";
                default -> json(key, ts + 1, "[1.0,\"x\",3.0]");
            };
            case NON_FINITE -> json(key, ts + 1, rnd.nextBoolean() ? "[1.0,NaN,3.0]" : rnd.nextBoolean() ? "[Infinity,2,3]" : "[1e999,2,3]");
            case OUT_OF_RANGE -> json(key, ts + 1, "[1.0,2.0," + (rnd.nextBoolean() ? "1e300" : "-5e10") + "]");
            case VECTOR_LENGTH_CHANGED -> json(key, ts + 1, "[1.0,2.0]");
            case DUPLICATE_TIMESTAMP -> json(key, ts, v);
            case OUT_OF_ORDER -> json(key, ts - 1 - rnd.nextInt(500), v);
            case LATE -> json(key, ts - 5_000 - rnd.nextInt(100_000), v);
            case FUTURE_TIMESTAMP -> json(key, ts + 86_400_000L * (1 + rnd.nextInt(10_000)), v);
            case KEY_BUDGET_EXCEEDED -> json("stranger-" + stranger, ts, v);
            case GOOD -> throw new IllegalArgumentException();
        };
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    record Run(List<Forecast> forecasts, List<Reject> rejects) {}

    /** Decode, watermark and forecast, one record at a time, exactly as the job chains them. */
    static Run run(List<Generated> input) throws Exception {
        var decode = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeSamples(LIMITS)));
        var forecast = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastFunction(config(), LIMITS)),
                (Sample s) -> s.key, Types.STRING);
        decode.open();
        forecast.open();
        GuardedWatermarks<RawRecord> watermarks = new GuardedWatermarks<>(OUT_OF_ORDERNESS, LIMITS.maxFutureMs);
        RawRecordTimestamps timestamps = new RawRecordTimestamps();
        long[] emitted = {Long.MIN_VALUE};
        WatermarkOutput wmOut = new WatermarkOutput() {
            public void emitWatermark(org.apache.flink.api.common.eventtime.Watermark w) {
                emitted[0] = Math.max(emitted[0], w.getTimestamp());
            }

            public void markIdle() {}

            public void markActive() {}
        };
        for (Generated g : input) {
            long ts = timestamps.extractTimestamp(g.raw, Long.MIN_VALUE); // as the Kafka source does, per partition
            watermarks.onEvent(g.raw, ts, wmOut);
            decode.processElement(new StreamRecord<>(g.raw, ts));
            for (Sample s : decode.extractOutputValues()) {
                assertThat(s.ts).as("event time read at the source = the decoded sample's ts").isEqualTo(ts);
                forecast.processElement(s, ts);
            }
            decode.getOutput().clear();
            watermarks.onPeriodicEmit(wmOut);
            if (emitted[0] != Long.MIN_VALUE) forecast.processWatermark(new Watermark(emitted[0]));
        }
        List<Reject> rejects = new ArrayList<>();
        var decodeRejects = decode.getSideOutput(DecodeSamples.REJECTS);
        if (decodeRejects != null) decodeRejects.forEach(r -> rejects.add(r.getValue()));
        var opRejects = forecast.getSideOutput(ForecastFunction.REJECTS);
        if (opRejects != null) opRejects.forEach(r -> rejects.add(r.getValue()));
        Run r = new Run(forecast.extractOutputValues(), rejects);
        decode.close();
        forecast.close();
        return r;
    }

    static String line(Forecast f) {
        return f.key + " " + f.model + "/" + f.horizonMs + "@" + f.ts + " " + java.util.Arrays.toString(f.values);
    }

    @Test
    void everyBadRecordIsRejectedWithItsCodeAndEveryGoodRecordIsForecastAsIfTheBadOnesWereNeverThere() throws Exception {
        List<Generated> input = stream(20261124L, true);
        Run dirty = run(input);
        Run clean = run(stream(20261124L, false));

        Map<Long, Kind> kindByOffset = new HashMap<>();
        EnumMap<Kind, Integer> generated = new EnumMap<>(Kind.class);
        for (Generated g : input) {
            kindByOffset.put(g.raw.offset, g.kind);
            generated.merge(g.kind, 1, Integer::sum);
        }
        int bad = input.size() - generated.get(Kind.GOOD);
        assertThat(bad).as("fuzz volume").isGreaterThan(4_000);
        System.out.println("fuzz: " + input.size() + " records, " + bad + " bad: " + generated);
        for (Kind k : Kind.values()) assertThat(generated.get(k)).as("kind %s generated", k).isGreaterThan(100);

        // every bad record rejected exactly once, with the code its kind calls for; no good record rejected
        assertThat(dirty.rejects).hasSize(bad);
        Map<Long, Reject> byOffset = new HashMap<>();
        for (Reject r : dirty.rejects) {
            assertThat(byOffset.put(r.offset, r)).as("rejected twice: %s", r).isNull();
            Kind k = kindByOffset.get(r.offset);
            assertThat(k).as("a good record was rejected: %s", r).isNotEqualTo(Kind.GOOD);
            assertThat(r.code).as("%s", r).isEqualTo(RejectCode.valueOf(k.name()).code());
            assertThat(r.reason).isNotBlank();
            assertThat(r.raw == null ? 0 : r.raw.length()).isLessThanOrEqualTo(4_097);
        }

        // the good records: every one forecast, exactly as without the bad ones around them
        int models = 4; // 3 learners + the ensemble
        assertThat(clean.forecasts).hasSize(KEYS * models * 2 * (TICKS - 20 + 1));
        assertThat(dirty.forecasts.stream().map(BadInputFuzzTest::line).toList())
                .containsExactlyElementsOf(clean.forecasts.stream().map(BadInputFuzzTest::line).toList());
    }
}
