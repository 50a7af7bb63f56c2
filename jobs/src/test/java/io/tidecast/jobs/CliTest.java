package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.jobs.config.JobConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
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

    static final String[] COMMANDS = {"demo", "broker", "replay", "run", "decide", "reproduce", "groupwise", "groupwise-run", "dashboard",
            "config"};

    @Test
    void everyCommandHasHelpWithExamples() {
        Result top = run("--help");
        assertThat(top.code).isZero();
        for (String c : COMMANDS) {
            assertThat(top.out).as("listed in tidecast --help").contains("  " + c + " ");
            Result r = run(c, "--help");
            assertThat(r.code).as(c).isZero();
            assertThat(r.out).as(c).contains("Usage: tidecast " + c).contains("Example").contains("tidecast " + c + " ");
            for (CommandLine.Model.OptionSpec o : Cli.commandLine().getSubcommands().get(c).getCommandSpec().options()) {
                assertThat(String.join(" ", o.description())).as(c + " " + o.longestName() + " is described").isNotBlank();
            }
            assertThat(run("help", c).out).as("tidecast help " + c).isEqualTo(r.out);
        }
    }

    @Test
    void helpHasNoColourCodesWhenNotOnATerminal() {
        for (String c : COMMANDS) assertThat(run(c, "--help").out).as(c).doesNotContain("\u001B[");
        assertThat(Cli.commandLine().getColorScheme().ansi()).isEqualTo(CommandLine.Help.Ansi.AUTO);
    }

    @Test
    void theDashboardAndKeepRunningOptionsAreDocumented() {
        assertThat(run("demo", "--help").out).contains("--dashboard[=PORT]").contains("--keep-running").contains("--dashboard-host");
        assertThat(run("run", "--help").out).contains("--dashboard[=PORT]");
        assertThat(run("dashboard", "--help").out).contains("--bootstrap=HOST:PORT").contains("--port=PORT").contains("127.0.0.1");
    }

    @Test
    void theDashboardWithoutBootstrapOrWithABadPortSaysHowToFixIt() {
        Result r = run("dashboard");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("--bootstrap HOST:PORT");
        r = run("dashboard", "--bootstrap", "127.0.0.1:1", "--port", "70000");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("0..65535");
        r = run("dashboard", "--bootstrap", "127.0.0.1:1", "--from", "yesterday");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--from must be earliest or latest");
    }

    @Test
    void configPrintsTheCommentedDefaultsWhichLoadAsTheDefaults(@TempDir Path dir) throws Exception {
        Result r = run("config", "--print-defaults");
        assertThat(r.code).isZero();
        Path f = Files.writeString(dir.resolve("copy.yaml"), r.out);
        JobConfig copy = JobConfig.load(f);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(copy)).isEqualTo(json.writeValueAsString(JobConfig.defaults()));
        Result ok = run("config", "--check", f.toString());
        assertThat(ok.code).isZero();
        assertThat(ok.out).contains(": ok").contains("ensemble").contains("[100, 500, 1000]");
        Files.writeString(f, "job:\n  paralelism: 3\n");
        Result bad = run("config", "--check", f.toString());
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err.strip().lines()).hasSize(1);
        assertThat(bad.err).contains("paralelism");
    }

    @Test
    void configForDecidePrintsAndChecksItsOwnSettings(@TempDir Path dir) throws Exception {
        Result r = run("config", "--print-defaults", "--for", "decide");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("families:").contains("feedbackTimeoutMs");
        Path f = Files.writeString(dir.resolve("decide.yaml"), r.out);
        Result ok = run("config", "--check", f.toString(), "--for", "decide");
        assertThat(ok.code).isZero();
        assertThat(ok.out).contains(": ok; 1 key families");
        assertThat(run("config", "--print-defaults", "--for", "nosuch").err).contains("--for must be run or decide");
    }

    /** The defaults files are the settings reference: every setting of every section is there, with a comment. */
    @Test
    void everySettingIsDocumentedInTheDefaultsFiles() throws Exception {
        assertDocumented("src/main/resources/tidecast-decide-defaults.yaml", io.tidecast.jobs.config.DecideSettings.Topics.class,
                io.tidecast.jobs.config.DecideSettings.Job.class, io.tidecast.jobs.config.DecideSettings.Decide.class,
                io.tidecast.jobs.config.DecideSettings.Family.class, JobConfig.Kafka.class);
        assertDocumented("src/main/resources/tidecast-defaults.yaml", JobConfig.Kafka.class, JobConfig.Topics.class,
                JobConfig.Job.class, JobConfig.Forecast.class);
        String text = Files.readString(Path.of("src/main/resources/tidecast-defaults.yaml"));
        for (Field field : JobConfig.Learner.class.getFields()) assertThat(text).as("learner " + field.getName()).contains(field.getName() + ":");
        for (String kind : new String[] {"last", "lms", "nlms", "rls", "ridge", "ols", "rnn-rtrl", "rnn-uoro", "rnn-snap1", "rnn-dni"}) {
            assertThat(text).as("learner kind " + kind).containsPattern("#\\s+(\\S+, )*" + kind + "[ ,]");
        }
    }

    private static void assertDocumented(String file, Class<?>... sections) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(file));
        for (Class<?> section : sections) {
            for (Field field : section.getFields()) {
                if (Modifier.isStatic(field.getModifiers())) continue;
                String name = field.getName();
                int i = -1;
                for (int k = 0; k < lines.size(); k++) if (lines.get(k).matches("\\s+(- )?" + name + ":.*")) i = k;
                assertThat(i).as(section.getSimpleName() + "." + name + " in " + file).isNotNegative();
                boolean commented = lines.get(i).contains("#") || lines.get(i - 1).strip().startsWith("#");
                assertThat(commented).as(file + ": " + section.getSimpleName() + "." + name + " has a comment").isTrue();
            }
        }
    }

    @Test
    void anUnexpectedFailureIsDescribedInOneLine() {
        String line = Cli.describe(new RuntimeException("wrapper", new java.io.IOException("no space left\n  on device")));
        assertThat(line).isEqualTo("IOException: no space left on device");
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
