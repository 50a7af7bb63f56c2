package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HedgeTest {

    @Test
    void weightsAreTheExponentialRuleWithTheAnytimeRate() {
        Hedge h = new Hedge(3, 0);
        h.update(new double[] {0.2, 0.9, 0.5});
        h.update(new double[] {0.1, 0.3, 1.0});
        // t = 3: eta = sqrt(8 ln 3 / 3), L = (0.3, 1.2, 1.5)
        double eta = Math.sqrt(8 * Math.log(3) / 3);
        double[] e = {Math.exp(-eta * 0.3), Math.exp(-eta * 1.2), Math.exp(-eta * 1.5)};
        double s = e[0] + e[1] + e[2];
        double[] w = new double[3];
        h.weights(w);
        assertThat(w).containsExactly(new double[] {e[0] / s, e[1] / s, e[2] / s}, within(1e-15));
    }

    /** An asleep expert is charged the policy's loss, so its weight relative to the policy's standing is kept. */
    @Test
    void asleepExpertIsChargedThePolicysLoss() {
        Hedge h = new Hedge(3, 0.5);
        double[] w = new double[3];
        boolean[] awake = {true, true, false};
        h.weights(awake, w);
        assertThat(w[2]).isZero();
        double mine = w[0] * 0.0 + w[1] * 1.0;
        h.update(new double[] {0, 1, Double.NaN}, awake);
        double[] l = h.cumulativeLosses(); // shifted so that min = 0: L = (0, 1, mine) - 0
        assertThat(l).containsExactly(new double[] {0, 1, mine}, within(1e-15));
    }

    @Test
    void hugeCumulativeLossesDoNotOverflow() {
        Hedge h = new Hedge(2, 0);
        double[] w = new double[2];
        for (int t = 0; t < 100_000; t++) h.update(new double[] {1e6, 0});
        h.weights(w);
        assertThat(w[1]).isEqualTo(1.0);
        assertThat(w[0]).isZero();
        assertThat(h.cumulativeLosses()[1]).isZero();
    }
}
