package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint directory becomes unusable while {@code tidecast run --checkpoints DIR} runs (here: replaced by a
 * file, as a full or lost disk would behave; running as root, permissions cannot simulate it): the run ends with one
 * line naming the directory and the fix, not a page of stack trace.
 */
class CheckpointDirFailureTest {

    @Test
    void aCheckpointDirectoryThatStopsWorkingEndsTheRunWithOneClearLine(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            Path cfg = Files.writeString(tmp.resolve("ckfail.yaml"), DurableRunTest.yaml("ckfail"));
            kafka.createTopics(2, io.tidecast.jobs.config.JobConfig.load(cfg).topics.all());
            Path ckpt = tmp.resolve("ckpt");
            Path out = tmp.resolve("out.log");
            Path err = tmp.resolve("err.log");
            List<String> cmd = DurableRunTest.javaCommand();
            cmd.addAll(List.of("io.tidecast.jobs.Cli", "run", "--bootstrap", b, "--config", cfg.toString(), "--checkpoints", ckpt.toString()));
            Process run = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                KafkaTestSupport.produce(b, "ckfail.samples", DurableRunTest.samples(0, 100));
                long deadline = System.currentTimeMillis() + 120_000;
                while (TopicReader.count(b, "ckfail.forecasts") == 0) {
                    assertThat(System.currentTimeMillis()).as("first forecasts; %s", Files.readString(err)).isLessThan(deadline);
                    Thread.sleep(200);
                }
                // moved away in one step: deleting it would race with the checkpoints the job keeps writing into it
                Files.move(ckpt, tmp.resolve("ckpt-gone"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(ckpt, "not a directory any more");
                assertThat(run.waitFor(240, TimeUnit.SECONDS)).as("the run gave up").isTrue();
            } finally {
                run.destroyForcibly();
            }
            List<String> lines = Files.readString(err).strip().lines().filter(l -> l.startsWith("tidecast run:")).toList();
            assertThat(run.exitValue()).as(Files.readString(err)).isEqualTo(1);
            assertThat(lines).as(Files.readString(err)).hasSize(1);
            assertThat(lines.get(0)).contains("checkpoints cannot be written to " + ckpt.toAbsolutePath()).contains("--checkpoints DIR");
        }
    }
}
