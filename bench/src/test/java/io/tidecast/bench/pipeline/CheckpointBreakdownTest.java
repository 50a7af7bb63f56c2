package io.tidecast.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When each checkpoint's outputs became readable, from the reader's progress, and the summary of the parts. */
class CheckpointBreakdownTest {
    static CheckpointBreakdown.Checkpoint checkpoint(long id, long trigger, long ack, double async) {
        return new CheckpointBreakdown.Checkpoint(id, trigger, ack, ack - trigger, 2, 0, 3, async, ack - trigger - 5 - async, 100);
    }

    /** Reader progress rows as the watcher keeps them: (nanoTime, outputs so far, CPU nanos, epoch ms). */
    static long[] poll(long epochMs, long outputs) {
        return new long[] {0, outputs, 0, epochMs};
    }

    @Test
    void theLagRunsFromTheLastAckToTheFirstAndLastPollThatBroughtOutputsWithinTheWindow() {
        CheckpointBreakdown b = new CheckpointBreakdown();
        b.checkpoints.add(checkpoint(1, 1_000, 1_100, 60));
        b.checkpoints.add(checkpoint(2, 2_000, 2_050, 20));
        List<long[]> progress = List.of(poll(900, 10), poll(1_090, 20), poll(1_140, 50), poll(1_170, 80), poll(1_175, 80),
                poll(2_200, 120), poll(2_900, 130));
        double[][] lag = b.readableLag(progress, 900);
        // checkpoint 1: outputs arrived at 1,140 and 1,170 (the poll at 1,175 brought none); 2,200 is past its window
        assertThat(lag[0][0]).isEqualTo(40.0);
        assertThat(lag[1][0]).isEqualTo(70.0);
        assertThat(lag[0][1]).isEqualTo(150.0);
        assertThat(lag[1][1]).isEqualTo(850.0);

        Map<String, double[]> s = b.summary(progress, 900);
        assertThat(s.get("async")).containsExactly(20.0, 60.0, 60.0);
        assertThat(s.get("endToEnd")).containsExactly(50.0, 100.0, 100.0);
        assertThat(s.get("ackToFirstReadable")).containsExactly(40.0, 150.0, 150.0);
        assertThat(CheckpointBreakdown.format(s)).startsWith("endToEnd 50/100/100, barrierDelay 2/2/2");
    }

    @Test
    void aCheckpointWithoutOutputsInItsWindowHasNoLag() {
        CheckpointBreakdown b = new CheckpointBreakdown();
        b.checkpoints.add(checkpoint(1, 1_000, 1_100, 60));
        double[][] lag = b.readableLag(List.of(poll(500, 10), poll(3_000, 20)), 900);
        assertThat(lag[0][0]).isNaN();
        assertThat(b.summary(null, 900)).doesNotContainKey("ackToFirstReadable");
    }
}
