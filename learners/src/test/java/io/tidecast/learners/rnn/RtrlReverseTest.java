package io.tidecast.learners.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The reverse-mode RTRL engine trains the same network as forward RTRL: same predictions, gradients and weights,
 * step after step, to round-off (the two sum in different orders), with and without clipping.
 */
class RtrlReverseTest {
    static final double TOL = 1e-9;

    /** Inputs: a bias 1 then a smooth random signal (like standardised breathing windows), targets a shifted copy. */
    static double[][][] problem(long seed, int steps, int inputDim, int p) {
        Random r = new Random(seed);
        double[][] u = new double[steps][inputDim];
        double[][] y = new double[steps][p];
        double[] phase = new double[inputDim + p];
        for (int k = 0; k < phase.length; k++) phase[k] = r.nextDouble() * 6.28;
        for (int t = 0; t < steps; t++) {
            u[t][0] = 1.0;
            for (int j = 1; j < inputDim; j++) u[t][j] = Math.sin(0.3 * t + phase[j]) + 0.3 * r.nextGaussian();
            for (int k = 0; k < p; k++) y[t][k] = Math.sin(0.3 * (t + 2) + phase[inputDim + k]) + 0.1 * r.nextGaussian();
        }
        return new double[][][] {u, y};
    }

    static double rel(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int k = 0; k < a.length; k++) {
            d += (a[k] - b[k]) * (a[k] - b[k]);
            s += b[k] * b[k];
        }
        return Math.sqrt(d) / Math.max(Math.sqrt(s), 1e-300);
    }

    /** A reverse trainer that stays in reverse mode however deep its sweeps get (the mode switch is tested apart). */
    static RtrlReverse reverseOnly(int q, int in, int p, double eta, double clip, double initStd, long seed) {
        RtrlReverse r = RtrlReverse.create(q, in, p, eta, clip, initStd, seed);
        r.switchDepth = Double.POSITIVE_INFINITY;
        return r;
    }

    /** Runs forward and reverse side by side; returns the largest relative deviation seen in forecasts and gradients. */
    static double[] lockstep(RnnTrainer fwd, RtrlReverse rev, double[][][] data) {
        int qn = fwd.wab.length;
        fwd.gradientCapture = new double[qn];
        rev.gradientCapture = new double[qn];
        double[] yf = new double[fwd.p], yr = new double[fwd.p];
        double worstY = 0, worstG = 0;
        for (int t = 0; t < data[0].length; t++) {
            fwd.predictAndLearn(data[0][t], data[1][t], yf);
            rev.predictAndLearn(data[0][t], data[1][t], yr);
            worstY = Math.max(worstY, rel(yr, yf));
            worstG = Math.max(worstG, rel(rev.gradientCapture, fwd.gradientCapture));
        }
        return new double[] {worstY, worstG};
    }

    @ParameterizedTest(name = "q={0}, inputDim={1}, p={2}, eta={3}, initStd={4}, clip={5}")
    @CsvSource({
            "5, 7, 3, 0.02, 0.02, 100",   // the paper's setting: small weights, clipping never triggers
            "8, 10, 3, 0.05, 0.5, 100",   // large weights: strongly non-linear, long memory (no early stop)
            "6, 9, 2, 0.05, 0.3, 0.05",   // clipping at nearly every step
            "12, 5, 1, 0.01, 0.1, 1.0"})
    void reverseTrainsTheSameNetworkAsForwardRtrl(int q, int inputDim, int p, double eta, double initStd, double clip) {
        long seed = 42 + q;
        double[][][] data = problem(seed, 400, inputDim, p);
        RnnTrainer fwd = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, inputDim, p, eta, clip, initStd, seed);
        RtrlReverse rev = reverseOnly(q, inputDim, p, eta, clip, initStd, seed);
        assertThat(rev.wab).containsExactly(fwd.wab);
        assertThat(rev.wc).containsExactly(fwd.wc);

        double[] worst = lockstep(fwd, rev, data);

        assertThat(worst[0]).as("forecasts").isLessThan(TOL);
        assertThat(worst[1]).as("gradients").isLessThan(TOL);
        assertThat(rel(rev.wab, fwd.wab)).as("[W_a W_b]").isLessThan(TOL);
        assertThat(rel(rev.wc, fwd.wc)).as("W_c").isLessThan(TOL);
        assertThat(rel(rev.hiddenState(), fwd.hiddenState())).as("hidden state").isLessThan(TOL);
        assertThat(rev.historyLength()).isEqualTo(400);
        assertThat(rev.forwardMode()).isFalse();
        // the weights did move, so agreement is not trivial
        RnnTrainer frozen = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, inputDim, p, 0.0, clip, initStd, seed);
        assertThat(rel(fwd.wab, frozen.wab)).isGreaterThan(1e-3);
    }

    @Test
    void clippingIsAppliedIdenticallyAndMatters() {
        int q = 6, in = 9, p = 2;
        double[][][] data = problem(7, 300, in, p);
        RnnTrainer fwd = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, in, p, 0.05, 0.05, 0.3, 7);
        RtrlReverse rev = reverseOnly(q, in, p, 0.05, 0.05, 0.3, 7);
        lockstep(fwd, rev, data);
        RtrlReverse unclipped = reverseOnly(q, in, p, 0.05, 1e300, 0.3, 7);
        for (int t = 0; t < 300; t++) unclipped.predictAndLearn(data[0][t], data[1][t], null);
        assertThat(rel(rev.wab, fwd.wab)).isLessThan(TOL);
        assertThat(rel(unclipped.wab, fwd.wab)).as("clipping changed the trajectory").isGreaterThan(1e-2);
    }

    @Test
    void theSweepStopsEarlyWhenTheTailCannotMatterAndStillAgrees() {
        int q = 10, in = 13, p = 3;
        double[][][] data = problem(3, 500, in, p);
        RnnTrainer fwd = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, in, p, 0.01, 3);
        RtrlReverse rev = reverseOnly(q, in, p, 0.01, RnnTrainer.DEFAULT_CLIP, RnnTrainer.DEFAULT_INIT_STD, 3);
        double[] worst = lockstep(fwd, rev, data);
        assertThat(rev.lastDepth).as("steps swept at t = 500").isLessThan(200);
        assertThat(rev.forwardMode()).isFalse();
        assertThat(worst[1]).isLessThan(TOL);
        assertThat(rel(rev.wab, fwd.wab)).isLessThan(TOL);
    }

    @Test
    void whenSweepsGetDeepItSwitchesToForwardMidRunWithoutADiscontinuity() throws IOException {
        int q = 8, in = 10, p = 3;
        double[][][] data = problem(5, 300, in, p);
        RnnTrainer fwd = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, in, p, 0.05, 100, 0.5, 5);
        RtrlReverse rev = RtrlReverse.create(q, in, p, 0.05, 100, 0.5, 5);
        rev.switchDepth = 0.5; // every sweep is deeper: switch once the first window is full
        double[][][] head = {java.util.Arrays.copyOf(data[0], 31), java.util.Arrays.copyOf(data[1], 31)};
        lockstep(fwd, rev, head);
        assertThat(rev.forwardMode()).isFalse();
        double[] worst = lockstep(fwd, rev, data); // steps 32.. onwards (the data restarts; any inputs will do)
        assertThat(rev.forwardMode()).isTrue();
        assertThat(worst[0]).isLessThan(TOL);
        assertThat(worst[1]).isLessThan(TOL);
        assertThat(rel(rev.wab, fwd.wab)).isLessThan(TOL);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rev.writeState(new DataOutputStream(bytes));
        Rtrl restored = (Rtrl) RnnTrainer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(rel(restored.jac, ((Rtrl) fwd).jac)).isLessThan(TOL);
    }

    @Test
    void aCheckpointReadsBackAsForwardRtrlAndContinuesTheSameComputation() throws IOException {
        int q = 7, in = 8, p = 3;
        double[][][] data = problem(11, 300, in, p);
        RnnTrainer fwd = RnnTrainer.create(RnnTrainer.Algorithm.RTRL, q, in, p, 0.05, 100, 0.3, 11);
        RtrlReverse rev = reverseOnly(q, in, p, 0.05, 100, 0.3, 11);
        double[][][] first = {java.util.Arrays.copyOf(data[0], 150), java.util.Arrays.copyOf(data[1], 150)};
        lockstep(fwd, rev, first);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rev.writeState(new DataOutputStream(bytes));
        RnnTrainer restored = RnnTrainer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored).isInstanceOf(Rtrl.class);
        assertThat(rel(((Rtrl) restored).jac, ((Rtrl) fwd).jac)).as("influence matrix").isLessThan(TOL);

        double[] a = new double[p], b = new double[p];
        double worst = 0;
        for (int t = 150; t < 300; t++) {
            fwd.predictAndLearn(data[0][t], data[1][t], a);
            restored.predictAndLearn(data[0][t], data[1][t], b);
            worst = Math.max(worst, rel(b, a));
        }
        assertThat(worst).isLessThan(TOL);
        assertThat(rel(restored.wab, fwd.wab)).isLessThan(TOL);
    }
}
