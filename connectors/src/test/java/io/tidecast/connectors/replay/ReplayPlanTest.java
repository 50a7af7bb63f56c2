package io.tidecast.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.connectors.TestData;
import io.tidecast.connectors.extmarker.ExtMarkerReader;
import io.tidecast.connectors.extmarker.Recording;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {
    @Test
    void keysStartTogetherAndMergeByRelativeTime() {
        List<Sample> in = List.of(s("b", 5000), s("a", 100), s("b", 5150), s("a", 200), s("a", 300), s("b", 5200));
        List<ScheduledSample> plan = ReplayPlan.of(in);
        assertThat(plan).extracting(p -> p.sample().key + "+" + p.relativeMs())
                .containsExactly("a+0", "b+0", "a+100", "b+150", "a+200", "b+200");
    }

    @Test
    void tiesGoToTheKeyThatSortsFirstWhateverTheInputOrder() {
        List<Sample> in = List.of(s("z", 10), s("m", 20), s("a", 30), s("z", 110), s("m", 120), s("a", 130));
        assertThat(ReplayPlan.of(in)).extracting(p -> p.sample().key).containsExactly("a", "m", "z", "a", "m", "z");
    }

    @Test
    void perKeyInputOrderIsKeptEvenWhenTimeGoesBackwards() {
        // a faulty stream must reach the job unaltered so that the job's reject path is exercised
        List<Sample> in = List.of(s("a", 1000), s("a", 1300), s("a", 1100), s("b", 0), s("b", 250));
        List<ScheduledSample> plan = ReplayPlan.of(in);
        assertThat(plan).extracting(p -> p.sample().key + "@" + p.sample().ts)
                .containsExactly("a@1000", "b@0", "b@250", "a@1300", "a@1100");
        assertThat(plan.stream().filter(p -> p.sample().key.equals("a")).map(ScheduledSample::sample))
                .containsExactly(in.get(0), in.get(1), in.get(2));
    }

    @Test
    void emptyInputGivesAnEmptyPlanAndKeylessSamplesAreRefused() {
        assertThat(ReplayPlan.of(List.of())).isEmpty();
        assertThatThrownBy(() -> ReplayPlan.of(List.of(new Sample(null, 1, new double[] {1}))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extMarkerReplayIsNondecreasingInRelativeTimeAndKeepsEverySample() throws IOException {
        List<Sample> all = new ArrayList<>();
        for (Recording r : ExtMarkerReader.read(TestData.dir("extmarker"))) {
            all.addAll(r.samples());
        }
        List<ScheduledSample> plan = ReplayPlan.of(all);
        assertThat(plan).hasSize(all.size()).hasSize(15790);
        Map<String, Long> lastTs = new HashMap<>();
        long previousRelative = 0;
        for (ScheduledSample p : plan) {
            assertThat(p.relativeMs()).isGreaterThanOrEqualTo(previousRelative);
            previousRelative = p.relativeMs();
            Long last = lastTs.put(p.sample().key, p.sample().ts);
            assertThat(last == null || last < p.sample().ts).isTrue();
        }
        assertThat(plan.get(plan.size() - 1).sample().key).isEqualTo("seq8"); // the longest recording ends last
    }

    @Test
    void speedTurnsRelativeTimeIntoWallClockDueTimes() {
        assertThat(ReplaySpeed.REAL_TIME.dueNanos(1500)).isEqualTo(1_500_000_000L);
        assertThat(ReplaySpeed.factor(10).dueNanos(1500)).isEqualTo(150_000_000L);
        assertThat(ReplaySpeed.parse("4x").dueNanos(1000)).isEqualTo(250_000_000L);
        assertThat(ReplaySpeed.parse("0.5").dueNanos(1000)).isEqualTo(2_000_000_000L);
        assertThat(ReplaySpeed.parse("max").dueNanos(Long.MAX_VALUE)).isZero();
        assertThat(ReplaySpeed.parse(" MAX ").isMax()).isTrue();
        assertThat(ReplaySpeed.factor(1e-9).dueNanos(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"0", "-1", "fast", "NaN", ""}) {
            assertThatThrownBy(() -> ReplaySpeed.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void partitionsMatchKafkasDefaultKeyedPartitioner() {
        for (int n : new int[] {1, 2, 3, 4, 7, 12, 50}) {
            for (int i = 0; i < 200; i++) {
                String key = i < 10 ? "seq" + i : "key-\u00e9-" + i;
                assertThat(KeyPartitioner.partitionFor(key, n)).as("%s/%d", key, n)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), n));
            }
        }
        assertThatThrownBy(() -> KeyPartitioner.partitionFor("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expectedEndOffsetsCountRecordsPerPartition() {
        List<Sample> in = new ArrayList<>();
        for (int k = 1; k <= 9; k++) {
            for (int t = 0; t < k; t++) {
                in.add(s("seq" + k, t * 100));
            }
        }
        long[] offsets = Replayer.expectedEndOffsets(in, 4);
        long[] expected = new long[4];
        for (int k = 1; k <= 9; k++) {
            expected[BuiltInPartitioner.partitionForKey(("seq" + k).getBytes(StandardCharsets.UTF_8), 4)] += k;
        }
        assertThat(offsets).containsExactly(expected);
        assertThat(Replayer.expectedEndOffsets(in, 1)).containsExactly(45);
    }

    static Sample s(String key, long ts) {
        return new Sample(key, ts, new double[] {ts});
    }
}
