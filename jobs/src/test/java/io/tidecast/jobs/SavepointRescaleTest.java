package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.Savepoints;
import io.tidecast.jobs.runtime.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint part-way through the stream, restore it at another parallelism (1 → 2 and 2 → 1): the
 * read_committed forecasts equal an uninterrupted run's, forecast for forecast, in order per key.
 */
class SavepointRescaleTest {
    static final int PER_KEY = DurableRunTest.PER_KEY;
    static EmbeddedKafka kafka;
    static Map<String, List<String>> expected;
    static int total;

    @BeforeAll
    static void reference(@TempDir Path tmp) throws Exception {
        kafka = EmbeddedKafka.start();
        expected = DurableRunTest.reference(kafka, tmp);
        total = expected.values().stream().mapToInt(List::size).sum();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    static JobConfig config(Path dir, String prefix, int parallelism) throws Exception {
        JobConfig c = JobConfig.load(Files.writeString(dir.resolve(prefix + ".yaml"), DurableRunTest.yaml(prefix)));
        c.kafka.bootstrap = kafka.bootstrapServers();
        c.job.parallelism = parallelism;
        return c;
    }

    static Configuration noRestarts() {
        Configuration c = new Configuration();
        c.setString("restart-strategy.type", "none");
        return c;
    }

    static void awaitForecasts(String topic, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (TopicReader.count(kafka.bootstrapServers(), topic) < atLeast) {
            assertThat(System.currentTimeMillis()).as("forecasts on " + topic).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * The second half: restored from the savepoint at another parallelism. Unbounded, as the savepointed run was (the
     * restored Kafka splits keep their own stopping offsets), until every forecast is committed and one more checkpoint
     * has passed (a duplicate would show then).
     */
    static void resumeAndCompare(JobConfig cfg, Path savepoint) throws Exception {
        Configuration restore = Savepoints.restoreFrom(savepoint, noRestarts());
        JobClient job = ForecastJob.start(cfg, null, restore);
        try {
            awaitForecasts(cfg.topics.forecasts, total);
            Thread.sleep(3 * cfg.job.checkpointIntervalMs);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        Map<String, List<String>> got = DurableRunTest.forecastsByKey(kafka.bootstrapServers(), cfg.topics.forecasts);
        for (String key : DurableRunTest.KEYS) assertThat(got.get(key)).as(key).containsExactlyElementsOf(expected.get(key));
    }

    @Test
    void sigtermWritesASavepointThatRestoresAtParallelismTwo(@TempDir Path tmp) throws Exception {
        JobConfig cfg = config(tmp, "sp-up", 1);
        kafka.createTopics(2, cfg.topics.all());
        String b = kafka.bootstrapServers();
        Path log = tmp.resolve("run.log");
        List<String> cmd = new ArrayList<>(DurableRunTest.javaCommand());
        cmd.addAll(List.of("io.tidecast.jobs.Cli", "run", "--bootstrap", b, "--config", tmp.resolve("sp-up.yaml").toString(),
                "--parallelism", "1", "--savepoint", tmp.resolve("savepoints").toString()));
        Process run = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(0, 250));
            awaitForecasts(cfg.topics.forecasts, total / 4);
            run.destroy(); // SIGTERM, as a service manager stops a process
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("stopped; log: %s", Files.readString(log)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(run.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("savepoint written: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long atStop = TopicReader.count(b, cfg.topics.forecasts);
        assertThat(atStop).as("stopped mid-stream").isLessThan(total);

        KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(250, PER_KEY));
        cfg.job.parallelism = 2;
        resumeAndCompare(cfg, Path.of(java.net.URI.create(m.group(1))));
    }

    @Test
    void aSavepointOfParallelismTwoRestoresAtParallelismOne(@TempDir Path tmp) throws Exception {
        JobConfig cfg = config(tmp, "sp-down", 2);
        kafka.createTopics(2, cfg.topics.all());
        String b = kafka.bootstrapServers();
        JobClient job = ForecastJob.start(cfg, null, noRestarts());
        KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(0, 250));
        awaitForecasts(cfg.topics.forecasts, total / 4);
        String savepoint = Savepoints.stop(job, tmp.resolve("savepoints")).get(120, TimeUnit.SECONDS);
        assertThat(TopicReader.count(b, cfg.topics.forecasts)).isLessThan(total);

        KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(250, PER_KEY));
        cfg.job.parallelism = 1;
        resumeAndCompare(cfg, Path.of(java.net.URI.create(savepoint)));
    }
}
