package io.tidecast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer timeout and linger follow the sink unless a config sets them: at-least-once outputs are readable at once. */
class LatencyDefaultsTest {
    @Test
    void exactlyOnceKeepsTenAndFiveMilliseconds() {
        JobConfig c = JobConfig.defaults();
        assertThat(c.job.exactlyOnce).isTrue();
        assertThat(c.job.bufferTimeout()).isEqualTo(10);
        assertThat(c.job.sinkLinger()).isEqualTo(5);
    }

    @Test
    void atLeastOnceFlushesAtOnceUnlessTheConfigSaysOtherwise(@TempDir Path tmp) throws Exception {
        JobConfig alo = JobConfig.load(Files.writeString(tmp.resolve("alo.yaml"), "job:\n  exactlyOnce: false\n"));
        assertThat(alo.job.bufferTimeout()).isEqualTo(1);
        assertThat(alo.job.sinkLinger()).isEqualTo(1);

        JobConfig set = JobConfig.load(Files.writeString(tmp.resolve("set.yaml"), "job:\n  exactlyOnce: false\n  bufferTimeoutMs: 20\n  sinkLingerMs: 7\n"));
        assertThat(set.job.bufferTimeout()).isEqualTo(20);
        assertThat(set.job.sinkLinger()).isEqualTo(7);

        JobConfig eo = JobConfig.load(Files.writeString(tmp.resolve("eo.yaml"), "job:\n  bufferTimeoutMs: 0\n"));
        assertThat(eo.job.bufferTimeout()).isZero();
        assertThat(eo.job.sinkLinger()).isEqualTo(5);
    }
}
