package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class RegretTrackerTest {

    @Test
    void accountsExpectedRealisedAndBestExpert() {
        RegretTracker t = new RegretTracker(2);
        t.record(new double[] {0.5, 0.5}, new double[] {1, 0}, 0);   // expected 0.5, realised 1
        t.record(new double[] {0.25, 0.75}, new double[] {0, 1}, 0); // expected 0.75, realised 0
        t.record(new double[] {1, 0}, new double[] {0.2, 0.4});      // deterministic: 0.2
        assertThat(t.steps()).isEqualTo(3);
        assertThat(t.expectedLoss()).isCloseTo(1.45, within(1e-15));
        assertThat(t.realisedLoss()).isCloseTo(1.2, within(1e-15));
        assertThat(t.expertLosses()).containsExactly(new double[] {1.2, 1.4}, within(1e-15));
        assertThat(t.bestExpert()).isZero();
        assertThat(t.regret()).isCloseTo(0.25, within(1e-15));
        assertThat(t.realisedRegret()).isCloseTo(0, within(1e-15));
        assertThat(t.regretPerStep()).isCloseTo(0.25 / 3, within(1e-15));
    }

    @Test
    void groupwiseRegretUsesEachGroupsOwnBestExpert() throws IOException {
        RegretTracker.Groupwise g = new RegretTracker.Groupwise(3, 2);
        double[] p = {0.5, 0.5};
        // group 0: expert 0 is better; group 1: expert 1 is better; group 2: always on
        for (int t = 0; t < 10; t++) {
            boolean inG0 = t % 2 == 0;
            double[] l = inG0 ? new double[] {0, 1} : new double[] {1, 0.2};
            g.record(new boolean[] {inG0, !inG0, true}, p, l, -1);
        }
        assertThat(g.group(0).steps()).isEqualTo(5);
        assertThat(g.group(0).bestExpert()).isZero();
        assertThat(g.group(0).regret()).isCloseTo(2.5, within(1e-12));
        assertThat(g.group(1).bestExpert()).isEqualTo(1);
        assertThat(g.group(1).regret()).isCloseTo(5 * 0.6 - 1.0, within(1e-12));
        assertThat(g.group(2).steps()).isEqualTo(10);
        assertThat(g.group(2).regret()).isCloseTo(5.5 - 5, within(1e-12)); // best fixed: expert 0 (5) vs 1 (6)
        assertThat(g.maxRegret()).isCloseTo(2.5, within(1e-12));

        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        g.writeState(new DataOutputStream(bos));
        RegretTracker.Groupwise back = RegretTracker.Groupwise.read(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
        assertThat(back.groups()).isEqualTo(3);
        assertThat(back.group(1).expertLosses()).containsExactly(g.group(1).expertLosses());
        assertThat(back.group(2).regret()).isEqualTo(g.group(2).regret());
    }
}
