package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String c : new String[] {"demo", "broker", "replay", "run"}) {
            Result r = run(c, "--help");
            assertThat(r.code).as(c).isZero();
            assertThat(r.out).as(c).contains("Usage: tidecast " + c).contains("Example");
        }
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() {
        Result r = run("run", "--bootstrp", "x:1");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("--bootstrp").contains("--help");
    }

    @Test
    void runWithoutBootstrapSaysHowToFixIt() {
        Result r = run("run");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--bootstrap HOST:PORT");
    }

    @Test
    void aConfigFileWithAMistakeNamesTheSetting(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "forecast:\n  warmupSampels: 10\n");
        Result r = run("run", "--bootstrap", "127.0.0.1:1", "--config", f.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("warmupSampels");

        Files.writeString(f, "forecast:\n  learners:\n    - {name: a, kind: nosuch, history: 2}\n");
        r = run("run", "--bootstrap", "127.0.0.1:1", "--config", f.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("unknown kind 'nosuch'");

        r = run("run", "--bootstrap", "127.0.0.1:1", "--config", dir.resolve("missing.yaml").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("does not exist");
    }

    @Test
    void aConfigFileOverridesTheDefaultsAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, "forecast:\n  horizonsMs: [200]\n  learners:\n    - {name: base, kind: last, history: 1}\n");
        JobConfig c = JobConfig.load(f);
        assertThat(c.forecast.horizonsMs).containsExactly(200L);
        assertThat(c.forecast.learners).extracting(l -> l.name).containsExactly("base");
        assertThat(c.topics.samples).isEqualTo("tidecast.samples");
        assertThat(c.forecastConfig().horizonSteps(0)).isEqualTo(2);
    }

    @Test
    void anUnwritableCheckpointDirectoryIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result r = run("run", "--bootstrap", "127.0.0.1:1", "--checkpoints", file.resolve("ckpt").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("is not writable").contains("--checkpoints");
    }

    @Test
    void badReliabilityOptionsAreOneLineWithTheFix(@TempDir Path dir) throws Exception {
        Result r = run("run", "--bootstrap", "127.0.0.1:1", "--state", "mongodb");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("heap or rocksdb").contains("--state");

        r = run("run", "--bootstrap", "127.0.0.1:1", "--from-savepoint", dir.resolve("nothing-here").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("no savepoint at").contains("--from-savepoint");

        r = run("run", "--bootstrap", "127.0.0.1:1", "--kafka-property", "security.protocol");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);

        Path f = Files.writeString(dir.resolve("limits.yaml"), "job:\n  maxRecordBytes: -1\n");
        r = run("run", "--bootstrap", "127.0.0.1:1", "--config", f.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("maxRecordBytes");

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        r = run("run", "--bootstrap", "127.0.0.1:1", "--savepoint", file.resolve("sp").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("savepoint directory").contains("is not writable").contains("--savepoint");
    }

    @Test
    void secretsInClientSettingsAreMasked() {
        String shown = io.tidecast.jobs.runtime.KafkaPreflight.masked(java.util.Map.of("security.protocol", "SASL_SSL",
                "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p4ss\";",
                "ssl.truststore.password", "tru5t", "ssl.key.password", "k3y", "ssl.truststore.location", "/etc/kafka/trust.jks"));
        assertThat(shown).doesNotContain("p4ss").doesNotContain("tru5t").doesNotContain("k3y")
                .contains("security.protocol=SASL_SSL").contains("ssl.truststore.location=/etc/kafka/trust.jks").contains("sasl.jaas.config=***");
    }
}
