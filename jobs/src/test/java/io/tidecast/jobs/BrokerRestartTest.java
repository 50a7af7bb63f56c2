package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away mid-run and comes back (same ports, same log directory): the job fails over to its last
 * checkpoint, waits for the broker, and the read_committed output equals an uninterrupted run's (on the heap
 * backend), forecast for forecast, in order per key — nothing lost, nothing twice. This run keeps its state in
 * RocksDB ({@code --state rocksdb}), so the same check covers that backend's checkpoint and restore.
 */
class BrokerRestartTest {

    @Test
    void theJobRecoversWithoutLossOrDuplicatesWhenTheBrokerComesBack(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            Map<String, List<String>> expected = DurableRunTest.reference(kafka, tmp);
            int total = expected.values().stream().mapToInt(List::size).sum();

            JobConfig cfg = JobConfig.load(Files.writeString(tmp.resolve("restart.yaml"), DurableRunTest.yaml("restart")));
            cfg.kafka.bootstrap = b;
            cfg.job.parallelism = 1;
            cfg.job.stateBackend = "rocksdb"; // the failover also restores keyed state through RocksDB
            kafka.createTopics(2, cfg.topics.all());
            Configuration restarts = new Configuration();
            restarts.setString("restart-strategy.type", "fixed-delay");
            restarts.setString("restart-strategy.fixed-delay.attempts", "100");
            restarts.setString("restart-strategy.fixed-delay.delay", "1 s");
            JobClient job = ForecastJob.start(cfg, null, restarts);
            try {
                KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(0, 200));
                await(b, cfg.topics.forecasts, total / 8);

                kafka.stop();
                Thread.sleep(4_000); // long enough for the job to notice: requests time out, the sink cannot commit
                kafka.restart();

                KafkaTestSupport.produce(b, cfg.topics.samples, DurableRunTest.samples(200, DurableRunTest.PER_KEY));
                await(b, cfg.topics.forecasts, total);
                Thread.sleep(3 * cfg.job.checkpointIntervalMs); // a duplicate would show by now
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            Map<String, List<String>> got = DurableRunTest.forecastsByKey(b, cfg.topics.forecasts);
            for (String key : DurableRunTest.KEYS) assertThat(got.get(key)).as(key).containsExactlyElementsOf(expected.get(key));
        }
    }

    static void await(String bootstrap, String topic, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (TopicReader.count(bootstrap, topic) < atLeast) {
            assertThat(System.currentTimeMillis()).as("forecasts on " + topic).isLessThan(deadline);
            Thread.sleep(300);
        }
    }
}
