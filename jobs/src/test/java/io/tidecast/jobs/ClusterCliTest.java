package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.CliTest.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster and submit commands' help and their one-line errors (the cluster itself: ClusterIT). */
class ClusterCliTest {
    @Test
    void helpWithExamples() {
        for (String[] c : new String[][] {{"cluster", "--help"}, {"cluster", "start", "--help"}, {"cluster", "stop", "--help"},
                {"cluster", "status", "--help"}, {"submit", "--help"}}) {
            Result r = CliTest.run(c);
            assertThat(r.code()).as(String.join(" ", c)).isZero();
            assertThat(r.out()).as(String.join(" ", c)).contains("Example");
        }
    }

    @Test
    void noClusterInTheDirectory(@TempDir Path dir) {
        assertThat(CliTest.run("cluster", "status", "--dir", dir.toString()).code()).isEqualTo(3);
        assertThat(CliTest.run("cluster", "stop", "--dir", dir.toString()).code()).isZero();
        Result r = CliTest.run("submit", "--cluster", dir.toString(), "--bootstrap", "127.0.0.1:9092");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no cluster running from").contains("tidecast cluster start");
    }

    @Test
    void theJobsOptionsAreCheckedBeforeAnythingIsSubmitted() {
        Result r = CliTest.run("submit", "--jobmanager", "127.0.0.1:1", "--bootstrp", "127.0.0.1:9092");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--bootstrp");
        r = CliTest.run("submit", "--jobmanager", "127.0.0.1:1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--bootstrap HOST:PORT");
    }

    @Test
    void badStartOptions(@TempDir Path dir) {
        Result r = CliTest.run("cluster", "start", "--taskmanagers", "0", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--taskmanagers must be at least 1");
    }
}
