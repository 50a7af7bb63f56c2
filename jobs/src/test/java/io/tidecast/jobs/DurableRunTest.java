package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidecast run --checkpoints DIR} killed with SIGKILL mid-stream and started again: the committed
 * output equals an uninterrupted run's, forecast for forecast, in order per key (nothing lost, nothing twice).
 */
class DurableRunTest {
    static final SampleCodec CODEC = new SampleCodec();
    static final int PER_KEY = 500;
    static final List<String> KEYS = List.of("m1", "m2", "m3");

    static List<byte[][]> samples(int from, int to) {
        List<byte[][]> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            for (String key : KEYS) {
                double p = key.charAt(1);
                double[] v = {8 * Math.sin(n / 6.0 + p), 3 * Math.cos(n / 9.0 + p), 0.01 * n};
                out.add(new byte[][] {key.getBytes(StandardCharsets.UTF_8), CODEC.encode(new Sample(key, 5_000_000L + 100L * n, v))});
            }
        }
        return out;
    }

    static String yaml(String prefix) {
        return "topics: {samples: " + prefix + ".samples, forecasts: " + prefix + ".forecasts, metrics: " + prefix + ".metrics, rejects: "
                + prefix + ".rejects}\n"
                + "job: {name: " + prefix + ", transactionalIdPrefix: " + prefix + ", groupId: " + prefix + ", checkpointIntervalMs: 300}\n"
                + "forecast:\n  warmupSamples: 40\n  horizonsMs: [100, 500]\n  learners:\n"
                + "    - {name: last, kind: last, history: 1}\n    - {name: rls, kind: rls, history: 6}\n    - {name: lms, kind: lms, history: 6}\n";
    }

    /** {@code java} with this test's class path and Flink's --add-opens: a separate JVM that can be killed. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
        for (String m : List.of("java.lang", "java.util", "java.lang.reflect", "java.nio", "sun.nio.ch", "java.net", "java.io", "java.text",
                "java.time", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks")) {
            cmd.add("--add-opens=java.base/" + m + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return cmd;
    }

    static Process startRun(String bootstrap, Path config, Path checkpoints, Path log) throws Exception {
        List<String> cmd = javaCommand();
        cmd.addAll(List.of("io.tidecast.jobs.Cli", "run", "--bootstrap", bootstrap,
                "--config", config.toString(), "--checkpoints", checkpoints.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    static Map<String, List<String>> forecastsByKey(String bootstrap, String topic) {
        return TopicReader.readAll(bootstrap, topic).stream().map(r -> CODEC.decodeForecast(r.value()))
                .collect(Collectors.groupingBy(f -> f.key, Collectors.mapping(DurableRunTest::line, Collectors.toList())));
    }

    static String line(Forecast f) {
        return f.model + "/" + f.horizonMs + "@" + f.ts + " " + java.util.Arrays.toString(f.values);
    }

    private static Map<String, List<String>> reference;

    /**
     * The uninterrupted run of {@link #samples}(0, PER_KEY) with {@link #yaml} settings, forecasts per key in order: a
     * pure function of data and settings, so computed once per test JVM (on whichever broker asks first).
     */
    static synchronized Map<String, List<String>> reference(EmbeddedKafka kafka, Path tmp) throws Exception {
        if (reference == null) {
            String b = kafka.bootstrapServers();
            JobConfig ref = JobConfig.load(Files.writeString(tmp.resolve("reference.yaml"), yaml("reference")));
            ref.kafka.bootstrap = b;
            kafka.createTopics(2, ref.topics.all());
            KafkaTestSupport.produce(b, ref.topics.samples, samples(0, PER_KEY));
            Configuration none = new Configuration();
            none.setString("restart-strategy.type", "none");
            ForecastJob.start(ref, OffsetsInitializer.latest(), none).getJobExecutionResult().get();
            reference = forecastsByKey(b, ref.topics.forecasts);
            assertThat(reference.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(KEYS.size() * 4 * 2 * (PER_KEY - 40 + 1)); // 3 learners + the ensemble, 2 horizons
        }
        return reference;
    }

    @Test
    void killNineThenTheSameCommandAgainGivesTheUninterruptedOutput(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            // the uninterrupted reference, in-process, on its own topics
            Map<String, List<String>> expected = reference(kafka, tmp);
            int total = expected.values().stream().mapToInt(List::size).sum();

            // the durable run: a separate JVM, killed with SIGKILL while samples are still arriving
            Path cfg = Files.writeString(tmp.resolve("durable.yaml"), yaml("durable"));
            kafka.createTopics(2, JobConfig.load(cfg).topics.all());
            Path ckpt = tmp.resolve("ckpt");
            Path log = tmp.resolve("run.log");
            Process first = startRun(b, cfg, ckpt, log);
            KafkaTestSupport.produce(b, "durable.samples", samples(0, 200));
            long deadline = System.currentTimeMillis() + 120_000;
            while (TopicReader.count(b, "durable.forecasts") == 0) {
                assertThat(System.currentTimeMillis()).as("first forecasts of the durable run; log: %s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(200);
            }
            KafkaTestSupport.produce(b, "durable.samples", samples(200, 350));
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint, open Kafka transactions
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long committedAtKill = TopicReader.count(b, "durable.forecasts");
            assertThat(committedAtKill).as("killed mid-stream").isLessThan(total);
            assertThat(Files.list(ckpt).count()).as("checkpoints retained").isPositive();

            KafkaTestSupport.produce(b, "durable.samples", samples(350, PER_KEY));
            long restartedAt = System.currentTimeMillis();
            Process second = startRun(b, cfg, ckpt, log);
            try {
                deadline = System.currentTimeMillis() + 180_000;
                long firstNew = -1;
                while (TopicReader.count(b, "durable.forecasts") < total) {
                    if (firstNew < 0 && TopicReader.count(b, "durable.forecasts") > committedAtKill) firstNew = System.currentTimeMillis();
                    assertThat(second.isAlive()).as("second run alive; log: %s", Files.readString(log)).isTrue();
                    assertThat(System.currentTimeMillis()).as("all forecasts after the restart; log: %s", Files.readString(log)).isLessThan(deadline);
                    Thread.sleep(300);
                }
                long done = System.currentTimeMillis();
                // a measurement, not an assertion: the machine may be shared
                System.out.printf("recovery after kill -9: new JVM to first newly committed forecast %d ms, to all %d forecasts %d ms%n",
                        (firstNew < 0 ? done : firstNew) - restartedAt, total, done - restartedAt);
                Thread.sleep(1_500); // one more checkpoint: a duplicate would show now
                assertThat(Files.readString(log)).contains("resuming from checkpoint " + ckpt.toAbsolutePath());
                Map<String, List<String>> got = forecastsByKey(b, "durable.forecasts");
                for (String key : KEYS) assertThat(got.get(key)).as(key).containsExactlyElementsOf(expected.get(key));
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
