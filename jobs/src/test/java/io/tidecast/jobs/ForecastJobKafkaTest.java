package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole job on a real Kafka broker: samples in, forecasts, metrics and rejects out, exactly once. */
class ForecastJobKafkaTest {
    static EmbeddedKafka kafka;
    static final SampleCodec CODEC = new SampleCodec();
    static final int WARMUP = 40;
    static final int PER_KEY = 150;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    static JobConfig config(String prefix) {
        JobConfig c = JobConfig.defaults();
        c.kafka.bootstrap = kafka.bootstrapServers();
        c.topics.samples = prefix + ".samples";
        c.topics.forecasts = prefix + ".forecasts";
        c.topics.metrics = prefix + ".metrics";
        c.topics.rejects = prefix + ".rejects";
        c.job.name = prefix;
        c.job.transactionalIdPrefix = prefix;
        c.job.groupId = prefix;
        c.job.checkpointIntervalMs = 300;
        c.forecast.warmupSamples = WARMUP;
        c.forecast.paneSamples = 20;
        c.forecast.horizonsMs = List.of(100L, 500L);
        c.forecast.learners = new ArrayList<>(c.forecast.learners.subList(0, 1)); // last
        JobConfig.Learner rls = new JobConfig.Learner();
        rls.name = "rls";
        rls.kind = "rls";
        rls.history = 4;
        c.forecast.learners.add(rls);
        kafka.createTopics(2, c.topics.all());
        return c;
    }

    static byte[] sampleJson(String key, long ts, double... v) {
        return CODEC.encode(new Sample(key, ts, v));
    }

    static List<byte[][]> goodSamples() {
        List<byte[][]> records = new ArrayList<>();
        for (int n = 0; n < PER_KEY; n++) {
            for (String key : List.of("alpha", "beta", "gamma")) {
                double phase = key.length();
                double[] v = new double[3];
                for (int c = 0; c < 3; c++) v[c] = 10 * Math.sin(2 * Math.PI * n / 40.0 + phase + c) + c;
                records.add(new byte[][] {key.getBytes(StandardCharsets.UTF_8), sampleJson(key, 1_000_000 + 100L * n, v)});
            }
        }
        return records;
    }

    static void runBounded(JobConfig cfg) throws Exception {
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "none");
        ForecastJob.start(cfg, OffsetsInitializer.latest(), extra).getJobExecutionResult().get();
    }

    static List<Forecast> forecasts(JobConfig cfg) {
        return KafkaTestSupport.readCommitted(kafka.bootstrapServers(), cfg.topics.forecasts).stream()
                .map(r -> CODEC.decodeForecast(r.value())).toList();
    }

    static List<MetricsRecord> metrics(JobConfig cfg) {
        return KafkaTestSupport.readCommitted(kafka.bootstrapServers(), cfg.topics.metrics).stream()
                .map(r -> CODEC.decodeMetrics(r.value())).toList();
    }

    static List<Reject> rejects(JobConfig cfg) {
        return KafkaTestSupport.readCommitted(kafka.bootstrapServers(), cfg.topics.rejects).stream()
                .map(r -> CODEC.decodeReject(r.value())).toList();
    }

    @Test
    void samplesInForecastsAndMetricsOutExactlyOnce() throws Exception {
        JobConfig cfg = config("clean");
        KafkaTestSupport.produce(kafka.bootstrapServers(), cfg.topics.samples, goodSamples());
        runBounded(cfg);

        List<Forecast> f = forecasts(cfg);
        int perKeyAndTrack = PER_KEY - WARMUP + 1;
        assertThat(f).hasSize(3 * 3 * 2 * perKeyAndTrack); // keys x (last, rls, ensemble) x horizons
        // exactly once: no (key, model, horizon, ts) twice
        assertThat(f.stream().map(x -> x.key + x.model + x.horizonMs + "@" + x.ts).distinct().count()).isEqualTo(f.size());
        assertThat(f).allSatisfy(x -> assertThat(java.util.Arrays.stream(x.values).boxed().toList()).hasSize(3).allSatisfy(v -> assertThat(v).isFinite()));
        // per key and track, forecasts come in time order
        Map<String, List<Long>> times = f.stream().collect(Collectors.groupingBy(x -> x.key + x.model + x.horizonMs,
                Collectors.mapping(x -> x.ts, Collectors.toList())));
        times.values().forEach(ts -> assertThat(ts).isSorted());

        List<MetricsRecord> last = metrics(cfg).stream().filter(m -> m.last && m.scope.equals("total")).toList();
        assertThat(last).hasSize(3 * 3 * 2);
        for (MetricsRecord m : last) {
            int steps = (int) (m.horizonMs / 100);
            assertThat(m.count).isEqualTo(perKeyAndTrack - steps);
            assertThat(m.nrmse).isFinite().isPositive();
        }
        // RLS learns a sinusoid far better than repeating the last value half a period... 0.5 s ahead
        double rls = last.stream().filter(m -> m.model.equals("rls") && m.horizonMs == 500).mapToDouble(m -> m.nrmse).average().orElseThrow();
        double lastValue = last.stream().filter(m -> m.model.equals("last") && m.horizonMs == 500).mapToDouble(m -> m.nrmse).average().orElseThrow();
        assertThat(rls).isLessThan(lastValue / 3);
        assertThat(rejects(cfg)).isEmpty();
    }

    @Test
    void poisonPillsGoToRejectsWithTheirReasonAndEveryGoodRecordIsProcessed() throws Exception {
        JobConfig cfg = config("poison");
        List<byte[][]> good = goodSamples();
        String[] garbage = {
            "not json at all",
            "{\"key\":\"alpha\",\"ts\":5}",
            "{\"ts\":5,\"values\":[1,2,3]}",
            "{\"key\":\"alpha\",\"ts\":\"yesterday\",\"values\":[1,2,3]}",
            "{\"key\":\"alpha\",\"ts\":7,\"values\":[1,null,3]}",
            "{\"key\":\"alpha\",\"ts\":7,\"values\":[1,1e999,3]}",
            "[1,2,3]",
            "{\"key\":\"alpha\",\"ts\":7,\"values\":[1,2,3]",
        };
        List<byte[][]> mixed = new ArrayList<>();
        int g = 0;
        for (int i = 0; i < good.size(); i++) {
            mixed.add(good.get(i));
            if (i % 50 == 25 && g < garbage.length) {
                mixed.add(new byte[][] {"alpha".getBytes(StandardCharsets.UTF_8), garbage[g++].getBytes(StandardCharsets.UTF_8)});
            }
        }
        // records that decode but do not fit their key: a wrong vector length and a timestamp from the past
        mixed.add(new byte[][] {"beta".getBytes(StandardCharsets.UTF_8), sampleJson("beta", 2_000_000, 1, 2)});
        mixed.add(new byte[][] {"gamma".getBytes(StandardCharsets.UTF_8), sampleJson("gamma", 1_000_000, 1, 2, 3)});
        // valid samples with odd clocks (the year 2100, 1970) must not take the job down: the broker refuses records
        // stamped far in the future, so outputs must not carry the sample's time as their Kafka timestamp
        mixed.add(new byte[][] {"future".getBytes(StandardCharsets.UTF_8), sampleJson("future", 4_102_444_800_000L, 1, 2, 3)});
        mixed.add(new byte[][] {"future".getBytes(StandardCharsets.UTF_8), sampleJson("future", 4_102_444_800_000L, 1, 2, 3)});
        mixed.add(new byte[][] {"epoch".getBytes(StandardCharsets.UTF_8), sampleJson("epoch", 1L, 1, 2, 3)});
        KafkaTestSupport.produce(kafka.bootstrapServers(), cfg.topics.samples, mixed);
        runBounded(cfg);

        assertThat(forecasts(cfg)).hasSize(3 * 3 * 2 * (PER_KEY - WARMUP + 1));
        List<Reject> rejects = rejects(cfg);
        // the 1970 sample of a new key is behind its partition's watermark once one has been emitted past it: whether
        // it is rejected as late or kept (a key of one sample) depends on when the periodic watermark fell
        List<Reject> epoch = rejects.stream().filter(r -> r.raw.contains("\"epoch\"")).toList();
        assertThat(epoch).allSatisfy(r -> assertThat(r.code).isEqualTo("late"));
        assertThat(rejects).hasSize(garbage.length + 3 + epoch.size());
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.reason).isNotBlank();
            assertThat(r.code).isNotBlank();
            assertThat(r.topic).isEqualTo(cfg.topics.samples);
            assertThat(r.offset).isGreaterThanOrEqualTo(0);
        });
        assertThat(rejects).extracting(r -> r.raw).contains(garbage);
        assertThat(rejects).extracting(r -> r.code).contains("not-json", "missing-field", "wrong-type", "non-finite",
                "vector-length-changed", "duplicate-timestamp");
        assertThat(rejects).extracting(r -> r.reason)
                .anyMatch(s -> s.contains("vector length 2"))
                // a sample from the key's past: out of order, or late if the watermark had passed it already
                .anyMatch(s -> s.contains("not after the key's previous timestamp") || s.contains("behind the watermark"));
        // the reasons are specific: no two kinds of garbage share one
        assertThat(rejects.stream().map(r -> r.reason).distinct().count()).isEqualTo(rejects.size());
        assertThat(rejects).extracting(r -> r.reason).contains("timestamp 4102444800000 repeats the key's previous timestamp");
    }
}
