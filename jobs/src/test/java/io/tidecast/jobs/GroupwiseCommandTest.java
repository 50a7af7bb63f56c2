package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.jobs.groupwise.Published;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GroupwiseCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String err) {}

    Run run(String... args) {
        CommandLine cl = Cli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        System.setProperty("tidecast.home", "..");
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void paperProtocolReproducesEveryPublishedMedicalFigureWithinFivePercent() throws Exception {
        Path out = tmp.resolve("gw");
        assertThat(run("groupwise", "--data", "insurance", "--orders", "10", "--protocol", "paper", "--out", out.toString()).code()).isZero();
        JsonNode paper = new ObjectMapper().readTree(out.resolve("groupwise.json").toFile()).get("paper");
        List<String> off = new ArrayList<>();
        for (Map.Entry<String, Published.Row> e : Published.MEDICAL.entrySet()) {
            JsonNode m = paper.get(e.getKey());
            Published.Row p = e.getValue();
            check(off, e.getKey() + " baseline loss", m.get("baseLoss").asDouble(), p.baseLoss());
            check(off, e.getKey() + " ours loss", m.get("oursLoss").asDouble(), p.oursLoss());
            check(off, e.getKey() + " baseline regret", m.get("baseRegret").asDouble(), p.baseRegret());
            check(off, e.getKey() + " ours regret", m.get("oursRegret").asDouble(), p.oursRegret());
            assertThat(m.get("size").asLong()).isEqualTo(p.size());
        }
        assertThat(off).isEmpty();
        assertThat(Files.readString(out.resolve("groupwise.txt"))).contains("48 of 48 published figures reproduced within 5%");
    }

    static void check(List<String> off, String what, double measured, double published) {
        if (Math.abs(measured - published) > 0.05 * Math.abs(published)) off.add(what + ": " + measured + " vs published " + published);
    }

    @Test
    void anyCsvWithDeclaredColumnsAndGroupRules() throws Exception {
        Path csv = tmp.resolve("t.csv");
        StringBuilder b = new StringBuilder("a,kind,y,unused\n");
        for (int i = 0; i < 60; i++) {
            String kind = i % 3 == 0 ? "x" : "z";
            b.append(i % 10).append(',').append(kind).append(',').append(2.0 * (i % 10) + (kind.equals("x") ? 5 : 0) + (i % 7) * 0.1).append(",q\n");
        }
        Files.writeString(csv, b.toString());
        Path out = tmp.resolve("csv-out");
        Run r = run("groupwise", "--data", csv.toString(), "--features", "a,kind", "--target", "y", "--group", "kind=x", "--group", "big:a>=5",
                "--orders", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.resolve("groupwise.json").toFile());
        assertThat(j.get("groups").toString()).isEqualTo("[\"kind=x\",\"big\"]");
        // kind is one-hot (kind_x, kind_z); kind=x is covered by its one-hot column, big becomes an indicator feature
        assertThat(j.get("features").toString()).isEqualTo("[[\"a\"],[\"kind_x\",\"kind_z\",\"group_big\"]]");
        assertThat(j.get("causal").get("kind=x").get("size").asLong()).isEqualTo(20);
        assertThat(j.get("causal").get("big").get("size").asLong()).isEqualTo(30);
    }

    @Test
    void badInputIsOneClearLineAndExitCode2() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "a,y\n1,2\n3\n");
        Path good = tmp.resolve("good.csv");
        Files.writeString(good, "a,y\n1,2\n3,4\n");
        String[][] cases = {
            {"--orders must be between 1 and 10", "groupwise", "--data", "insurance", "--orders", "11"},
            {"--protocol must be causal, paper or both", "groupwise", "--data", "insurance", "--protocol", "magic"},
            {"no such file", "groupwise", "--data", "nope.csv", "--features", "a", "--target", "y"},
            {"--features is required", "groupwise", "--data", good.toString(), "--target", "y"},
            {"has 1 fields, the header has 2", "groupwise", "--data", csv.toString(), "--features", "a", "--target", "y"},
            {"feature column 'b' is not in", "groupwise", "--data", good.toString(), "--features", "b", "--target", "y"},
            {"doubled operator", "groupwise", "--data", good.toString(), "--features", "a", "--target", "y", "--group", "a>>1"},
            {"reads column 'c'", "groupwise", "--data", good.toString(), "--features", "a", "--target", "y", "--group", "c=1"},
            {"--features/--target/--group are for a CSV file", "groupwise", "--data", "insurance", "--target", "age"},
            {"--lambda must be a positive number", "groupwise", "--data", "insurance", "--lambda", "-1"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains(c[0]);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        }
    }
}
