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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidecast run} against a broker that only admits SASL (PLAIN) clients on the address it is given: with the
 * right credentials (passed as --kafka-property) it forecasts and never prints the password; with wrong ones it
 * stops at once with one line and exit code 2.
 */
class KafkaSaslTest {
    static final String PASSWORD = "s3cret-Tide-42";

    /** The run command in a separate JVM that logs at INFO, so that the Kafka clients' configuration dumps are in its output. */
    static List<String> run(EmbeddedKafka kafka, Path config, String password) throws Exception {
        Path log4j = Files.writeString(config.resolveSibling("log4j2-info.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.console.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                """);
        List<String> cmd = DurableRunTest.javaCommand();
        cmd.addAll(List.of("-Dlog4j2.configurationFile=" + log4j.toUri(), "io.tidecast.jobs.Cli", "run", "--bootstrap", kafka.saslBootstrapServers(), "--config", config.toString(),
                "--bounded", "--parallelism", "1",
                "--kafka-property", "security.protocol=SASL_PLAINTEXT",
                "--kafka-property", "sasl.mechanism=PLAIN",
                "--kafka-property", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"tidecast\" password=\"" + password + "\";"));
        return cmd;
    }

    @Test
    void theJobWorksWithTheRightCredentialsAndStopsAtOnceWithWrongOnes(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startWithSasl(Map.of("tidecast", PASSWORD))) {
            Path config = Files.writeString(tmp.resolve("sasl.yaml"), DurableRunTest.yaml("sasl"));
            JobConfig cfg = JobConfig.load(config);
            kafka.createTopics(2, cfg.topics.all());
            KafkaTestSupport.produce(kafka.bootstrapServers(), cfg.topics.samples, DurableRunTest.samples(0, 100));

            Path wrongLog = tmp.resolve("wrong.log");
            long started = System.nanoTime();
            Process wrong = new ProcessBuilder(run(kafka, config, "not-the-password")).redirectOutput(tmp.resolve("wrong.out").toFile())
                    .redirectError(wrongLog.toFile()).start();
            assertThat(wrong.waitFor(120, TimeUnit.SECONDS)).isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            String err = Files.readString(wrongLog);
            assertThat(wrong.exitValue()).as(err).isEqualTo(2);
            assertThat(err.strip().lines().filter(l -> l.startsWith("tidecast run:")).toList()).as(err).hasSize(1);
            assertThat(err).contains("refused the credentials").contains("sasl.jaas.config=***").doesNotContain("not-the-password");
            System.out.println("wrong credentials: exit 2 after " + seconds + " s (JVM start included)");

            Path log = tmp.resolve("right.log");
            Process right = new ProcessBuilder(run(kafka, config, PASSWORD)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(right.waitFor(180, TimeUnit.SECONDS)).as("bounded run finished").isTrue();
            String out = Files.readString(log);
            assertThat(right.exitValue()).as(out).isZero();
            assertThat(TopicReader.count(kafka.bootstrapServers(), cfg.topics.forecasts))
                    .isEqualTo((long) DurableRunTest.KEYS.size() * 4 * 2 * (100 - 40 + 1));
            assertThat(out).contains("sasl.jaas.config=***").doesNotContain(PASSWORD);
            assertThat(out).as("the clients logged their configuration at INFO").contains("security.protocol = SASL_PLAINTEXT");
        }
    }
}
