package io.tidecast.jobs.relax;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.jobs.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RelaxCommandTest {

    static int run(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void badOptionsAreOneLineWithExitCode2() {
        for (String[] args : List.of(new String[] {"relax", "--setting", "medium"}, new String[] {"relax", "--trials", "0"},
                new String[] {"relax", "--policies", "exp4"}, new String[] {"relax-serve", "--bootstrap", "x:1", "--parallelism", "0"})) {
            StringWriter err = new StringWriter();
            assertThat(run(err, args)).isEqualTo(2);
            assertThat(err.toString().strip()).doesNotContain("\n").isNotEmpty();
        }
        StringWriter err = new StringWriter();
        assertThat(run(err, "relax", "--setting", "medium")).isEqualTo(2);
        assertThat(err.toString()).contains("--setting must be low, high or both");
    }

    @Test
    void aSmallRunWritesTheTableCurvesAndJson(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(err, "relax", "--setting", "high", "--instances", "30", "--trials", "2", "--threads", "2", "--out", dir.toString())).isZero();
        assertThat(dir.resolve("relax-high-cumulative.png")).exists();
        assertThat(Files.size(dir.resolve("relax-high-cumulative.png"))).isGreaterThan(1000);
        List<String> csv = Files.readAllLines(dir.resolve("relax-high-cumulative.csv"));
        assertThat(csv).hasSize(31);
        assertThat(csv.get(0)).startsWith("t,fixed-1.0,").contains("chebcb").contains("instance-optimal");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("relax.json").toFile());
        JsonNode s = j.get("settings").get(0);
        assertThat(s.get("trials").asInt()).isEqualTo(2);
        assertThat(s.get("rows")).hasSize(11);
        JsonNode fixed = s.get("rows").get(0);
        assertThat(fixed.get("method").asText()).isEqualTo("fixed-1.0");
        assertThat(fixed.get("reference").asDouble()).isEqualTo(611.3);
        assertThat(fixed.get("ratio").asDouble()).isEqualTo(fixed.get("meanIterations").asDouble() / 611.3);
        // the last CSV row is the mean cumulative cost: T times the mean per instance
        String[] last = csv.get(30).split(",");
        assertThat(Double.parseDouble(last[1])).isCloseTo(30 * fixed.get("meanIterations").asDouble(), org.assertj.core.api.Assertions.within(0.01));
    }
}
