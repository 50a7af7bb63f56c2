package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.Savepoints;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.records.Forecast;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores the committed savepoint fixture {@code savepoints/v1} (written by {@link SavepointFixture} before the RLS
 * learner's state gained a field, format 1 → 2) with this release, and checks that the job continues exactly as an
 * uninterrupted run of this release: the old format is read, the new field starts from its documented default.
 */
class SavepointFixtureTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(SavepointFixtureTest.class.getResource("/savepoints/" + name + "/_metadata").toURI()).getParent();
    }

    static List<Forecast> forecasts(String bootstrap, String topic) {
        return TopicReader.readAll(bootstrap, topic).stream().map(r -> DurableRunTest.CODEC.decodeForecast(r.value()))
                .sorted(Comparator.comparing((Forecast f) -> f.key).thenComparing(f -> f.model).thenComparingLong(f -> f.horizonMs)
                        .thenComparingLong(f -> f.ts))
                .toList();
    }

    @Test
    void theVersionOneSavepointRestoresAndContinuesLikeAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        int perKey = 300;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            Configuration noRestarts = new Configuration();
            noRestarts.setString("restart-strategy.type", "none");

            // the reference: this release, uninterrupted, on its own topics
            JobConfig ref = JobConfig.load(java.nio.file.Files.writeString(tmp.resolve("ref.yaml"), DurableRunTest.yaml("fixture-ref")));
            ref.kafka.bootstrap = b;
            ref.job.parallelism = 1;
            kafka.createTopics(2, ref.topics.all());
            KafkaTestSupport.produce(b, ref.topics.samples, DurableRunTest.samples(0, perKey));
            ForecastJob.start(ref, OffsetsInitializer.latest(), noRestarts).getJobExecutionResult().get();
            long firstResumedTs = 5_000_000L + 100L * SavepointFixture.SAVEPOINT_AT;
            List<Forecast> expected = forecasts(b, ref.topics.forecasts).stream().filter(f -> f.ts >= firstResumedTs).toList();

            // the fixture's topics, with the same records at the same offsets as when it was written, and the rest
            JobConfig cfg = SavepointFixture.config(tmp, b);
            kafka.createTopics(2, cfg.topics.all());
            KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(0, perKey));
            Path savepoint = tmp.resolve("v1");
            FileUtils.copy(new org.apache.flink.core.fs.Path(fixture("v1").toUri()), new org.apache.flink.core.fs.Path(savepoint.toUri()), false);
            JobClient job = ForecastJob.start(cfg, null, Savepoints.restoreFrom(savepoint, noRestarts));
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (TopicReader.count(b, cfg.topics.forecasts) < expected.size()) {
                    assertThat(System.currentTimeMillis()).as("forecasts after the restore").isLessThan(deadline);
                    Thread.sleep(200);
                }
                Thread.sleep(3 * cfg.job.checkpointIntervalMs);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            List<Forecast> got = forecasts(b, cfg.topics.forecasts);
            assertThat(got).hasSize(expected.size());
            assertThat(got).hasSize((int) (SavepointFixture.forecasts(perKey) - SavepointFixture.forecasts(SavepointFixture.SAVEPOINT_AT)));
            for (int i = 0; i < got.size(); i++) {
                Forecast g = got.get(i);
                Forecast e = expected.get(i);
                assertThat(g.key + g.model + g.horizonMs + "@" + g.ts).isEqualTo(e.key + e.model + e.horizonMs + "@" + e.ts);
                for (int c = 0; c < e.values.length; c++) {
                    // a later release may reorder floating-point sums; the state itself must carry over intact
                    assertThat(g.values[c]).as("%s %s/%d@%d", g.key, g.model, g.horizonMs, g.ts)
                            .isCloseTo(e.values[c], within(1e-9 * Math.max(1, Math.abs(e.values[c]))));
                }
            }
        }
    }
}
