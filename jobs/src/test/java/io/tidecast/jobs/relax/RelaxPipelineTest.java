package io.tidecast.jobs.relax;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.runtime.LocalFlink;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The Flink job (one key per trial, parallelism 2) gives exactly the offline harness's numbers. */
class RelaxPipelineTest {

    @Test
    void flinkJobEqualsTheOfflineHarness() throws Exception {
        List<RelaxPolicy> ps = List.of(RelaxPolicy.values());
        int trials = 3, instances = 40;
        Configuration conf = LocalFlink.configuration(2);
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<RelaxTrial.Result> flink = RelaxPipeline.runGenerated(env, ShiftSetting.LOW, 5, trials, instances, ps);
        List<RelaxTrial.Result> offline = RelaxHarness.run(ShiftSetting.LOW, 5, trials, instances, ps, 2, k -> {});
        assertThat(flink).hasSize(trials);
        for (int k = 0; k < trials; k++) {
            for (int p = 0; p < ps.size(); p++) assertThat(flink.get(k).policy()[p]).as("trial %d policy %s", k, ps.get(p)).containsExactly(offline.get(k).policy()[p]);
            for (int j = 0; j < 20; j++) assertThat(flink.get(k).grid()[j]).containsExactly(offline.get(k).grid()[j]);
            assertThat(flink.get(k).star()).containsExactly(offline.get(k).star());
            assertThat(flink.get(k).context()).containsExactly(offline.get(k).context());
        }
        // and the report built from either is the same table
        RelaxSummary a = new RelaxSummary(ShiftSetting.LOW, flink);
        RelaxSummary b = new RelaxSummary(ShiftSetting.LOW, offline);
        for (int i = 0; i < a.rows.size(); i++) assertThat(a.rows.get(i)).isEqualTo(b.rows.get(i));
        // sanity of the table itself: instance-optimal below every fixed omega; fixed 1.0 is the worst
        assertThat(a.row("instance-optimal").mean()).isLessThan(a.row("fixed-1.6").mean());
        assertThat(a.row("fixed-1.0").mean()).isGreaterThan(a.row("fixed-1.4").mean());
    }
}
