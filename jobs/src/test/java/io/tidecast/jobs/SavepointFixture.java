package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.Savepoints;
import io.tidecast.jobs.runtime.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the committed savepoint fixture {@code src/test/resources/savepoints/<name>/} that
 * {@code SavepointFixtureTest} restores: the Kafka job, parallelism 1, {@link DurableRunTest}'s samples and
 * settings on the topics {@code fixture.*}, stopped with a savepoint after {@link #SAVEPOINT_AT} samples per key.
 * Disabled by default; regenerate (from the repository root) with
 * <pre>mvn -B -pl jobs -am test -Dtest=SavepointFixture -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtidecast.fixture=v1 -Dtidecast.fixtureDir=$PWD/jobs/src/test/resources/savepoints</pre>
 * Keep the old fixture when a state format changes: it is what proves that the new release reads the old format.
 */
@EnabledIfSystemProperty(named = "tidecast.fixture", matches = "[a-z0-9-]+")
class SavepointFixture {
    static final int SAVEPOINT_AT = 200;
    static final String PREFIX = "fixture";

    static JobConfig config(Path dir, String bootstrap) throws Exception {
        JobConfig c = JobConfig.load(Files.writeString(dir.resolve(PREFIX + ".yaml"), DurableRunTest.yaml(PREFIX)));
        c.kafka.bootstrap = bootstrap;
        c.job.parallelism = 1;
        return c;
    }

    /** Forecasts of the first {@code samplesPerKey} samples: 3 keys x (3 learners + the ensemble) x 2 horizons. */
    static long forecasts(int samplesPerKey) {
        return (long) DurableRunTest.KEYS.size() * 4 * 2 * (samplesPerKey - 40 + 1);
    }

    @Test
    void writeTheFixture(@TempDir Path tmp) throws Exception {
        Path target = Path.of(System.getProperty("tidecast.fixtureDir", "src/test/resources/savepoints"))
                .resolve(System.getProperty("tidecast.fixture"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig cfg = config(tmp, kafka.bootstrapServers());
            kafka.createTopics(2, cfg.topics.all());
            KafkaTestSupport.produce(kafka.bootstrapServers(), cfg.topics.samples, DurableRunTest.samples(0, SAVEPOINT_AT));
            Configuration c = new Configuration();
            c.setString("restart-strategy.type", "none");
            JobClient job = ForecastJob.start(cfg, null, c);
            long deadline = System.currentTimeMillis() + 120_000;
            while (TopicReader.count(kafka.bootstrapServers(), cfg.topics.forecasts) < forecasts(SAVEPOINT_AT)) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(200);
            }
            Path written = Path.of(java.net.URI.create(Savepoints.stop(job, tmp.resolve("sp")).get(120, TimeUnit.SECONDS)));
            FileUtils.deleteDirectory(target.toFile());
            Files.createDirectories(target.getParent());
            FileUtils.copy(new org.apache.flink.core.fs.Path(written.toUri()), new org.apache.flink.core.fs.Path(target.toUri()), false);
            try (var files = Files.walk(target)) {
                List<Path> all = files.filter(Files::isRegularFile).toList();
                System.out.println("fixture written to " + target + ": " + all.size() + " files, "
                        + all.stream().mapToLong(p -> p.toFile().length()).sum() + " bytes");
            }
        }
    }
}
