package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidecast decide}: help with examples, and one clear line with exit code 2 for every mistake. */
class DecideCliTest {

    @Test
    void helpShowsTheContractAndExamples() {
        CliTest.Result r = CliTest.run("decide", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: tidecast decide", "Examples", "\"requestId\"", "kcat", "bandit-env.sh");
    }

    @Test
    void withoutBootstrapItSaysHowToFixIt() {
        CliTest.Result r = CliTest.run("decide");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--bootstrap HOST:PORT");
    }

    @Test
    void aBadFamilyIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("decide.yaml");
        String[][] cases = {
            {"decide:\n  families:\n    - {prefix: s-, arms: [a], policy: exp3}\n", "family 's-': needs at least two arms"},
            {"decide:\n  families:\n    - {prefix: s-, arms: [a, b], policy: hedge}\n", "policy 'hedge' is not a bandit policy"},
            {"decide:\n  families:\n    - {prefix: s-, arms: [a, b], policy: nosuch}\n", "unknown policy kind 'nosuch'"},
            {"decide:\n  families:\n    - {prefix: s-, arms: [a, a], policy: exp3}\n", "arm names repeat"},
            {"decide:\n  families:\n    - {prefix: s-, arms: [a, b], policy: exp3, params: {gamma: 2}}\n", "gamma must be in [0, 1]"},
            {"decide:\n  familes: []\n", "familes"},
            {"decide:\n  families: []\n", "no key family configured"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            CliTest.Result r = CliTest.run("decide", "--bootstrap", "127.0.0.1:1", "--config", f.toString());
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains(c[1]);
            assertThat(r.err().strip().lines()).as(c[0]).hasSize(1);
        }
        CliTest.Result r = CliTest.run("decide", "--bootstrap", "127.0.0.1:1", "--timeout", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout must be at least 1 ms");
    }
}
