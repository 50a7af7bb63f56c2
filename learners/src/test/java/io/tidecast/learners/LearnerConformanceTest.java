package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered learner kind must keep, run over {@link Learners#kinds()} with a default spec,
 * so a newly registered kind is covered without touching this class.
 */
class LearnerConformanceTest {
    static final LearnerContext CTX = new LearnerContext(3, 4, 40, 42L);
    static final int M = CTX.inputDim();
    static final int D = CTX.outputDim();

    static Stream<String> kinds() {
        return Learners.kinds().stream().sorted();
    }

    static OnlineRegressor create(String kind) {
        return Learners.create(new LearnerSpec("t-" + kind, kind, CTX.history(), Map.of()), CTX);
    }

    /** A reproducible (x, y) stream: noisy linear target on Gaussian inputs. */
    static final class Pairs {
        final Random rnd;
        final double[] a;
        final double[] x = new double[M];
        final double[] y = new double[D];
        final double noise;

        Pairs(long seed, double noise) {
            rnd = new Random(seed);
            a = TestData.randomMatrix(new Random(seed ^ 0x5DEECE66DL), D, M);
            this.noise = noise;
        }

        void next() {
            TestData.randomInput(rnd, x);
            TestData.apply(a, D, M, x, y);
            for (int i = 0; i < D; i++) {
                y[i] += noise * rnd.nextGaussian();
            }
        }
    }

    /** Feeds both learners the same stream, predicting then learning; forecasts and final states must match bit for bit. */
    private static void assertSameForecastsInLockstep(OnlineRegressor a, OnlineRegressor b, Pairs p, int steps) {
        double[] oa = new double[D];
        double[] ob = new double[D];
        for (int t = 0; t < steps; t++) {
            p.next();
            a.predict(p.x, oa);
            b.predict(p.x, ob);
            assertBitIdentical(oa, ob);
            a.learn(p.x, p.y);
            b.learn(p.x, p.y);
        }
        assertThat(TestData.snapshot(b)).isEqualTo(TestData.snapshot(a));
    }

    private static void assertBitIdentical(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            assertThat(Double.doubleToRawLongBits(a[i])).as("entry %d: %s vs %s", i, a[i], b[i])
                    .isEqualTo(Double.doubleToRawLongBits(b[i]));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void createsTheAdvertisedShapeAndKind(String kind) {
        OnlineRegressor l = create(kind);
        assertThat(l.kind()).isEqualTo(kind);
        assertThat(l.inputDim()).isEqualTo(M);
        assertThat(l.outputDim()).isEqualTo(D);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void seededDeterminism(String kind) {
        OnlineRegressor a = create(kind);
        OnlineRegressor b = create(kind);
        assertSameForecastsInLockstep(a, b, new Pairs(7, 0.1), 500);
    }

    /** A learner of this kind after {@code steps} learning steps on {@code p}. */
    static OnlineRegressor trained(String kind, Pairs p, int steps) {
        OnlineRegressor a = create(kind);
        for (int t = 0; t < steps; t++) {
            p.next();
            a.learn(p.x, p.y);
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void snapshotRestoreMidStreamContinuesBitIdentically(String kind) {
        Pairs p = new Pairs(11, 0.1);
        OnlineRegressor a = trained(kind, p, 300);
        byte[] state = TestData.snapshot(a);
        OnlineRegressor b = TestData.restore(state);
        assertThat(b.kind()).isEqualTo(kind);
        assertThat(TestData.snapshot(b)).as("read then write reproduces the bytes").isEqualTo(state);
        assertSameForecastsInLockstep(a, b, p, 300);
    }

    /** A direct copy (what the heap backend's copy-on-write takes after every checkpoint) must be a deep one. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aDirectCopyContinuesBitIdenticallyAndSharesNoState(String kind) {
        Pairs p = new Pairs(17, 0.1);
        OnlineRegressor a = trained(kind, p, 300);
        OnlineRegressor copy = a.copy();
        assumeFalse(copy == null, kind + " has no direct copy (the operator copies it through its binary format)");
        byte[] atCopy = TestData.snapshot(a);
        assertThat(copy.kind()).isEqualTo(kind);
        assertThat(TestData.snapshot(copy)).as("the copy writes the same bytes").isEqualTo(atCopy);
        OnlineRegressor other = a.copy();
        assertSameForecastsInLockstep(a, copy, p, 300);
        assertThat(TestData.snapshot(other)).as("learning on the original and one copy leaves another copy untouched").isEqualTo(atCopy);
    }

    @org.junit.jupiter.api.Test
    void lmsNlmsRlsAndLastValueHaveADirectCopy() {
        for (String kind : new String[] {Lms.KIND, Nlms.KIND, Rls.KIND, "last"}) assertThat(create(kind).copy()).as(kind).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void predictIsPure(String kind) {
        OnlineRegressor a = create(kind);
        Pairs p = new Pairs(13, 0.1);
        for (int t = 0; t < 200; t++) {
            p.next();
            a.learn(p.x, p.y);
        }
        byte[] before = TestData.snapshot(a);
        OnlineRegressor untouched = TestData.restore(before);
        double[] o1 = new double[D];
        double[] o2 = new double[D];
        Random rnd = new Random(3);
        double[] x = new double[M];
        for (int t = 0; t < 50; t++) {
            TestData.randomInput(rnd, x);
            double[] xCopy = x.clone();
            a.predict(x, o1);
            a.predict(x, o2);
            assertBitIdentical(o1, o2);
            assertThat(x).as("predict must not modify its input").isEqualTo(xCopy);
        }
        assertThat(TestData.snapshot(a)).isEqualTo(before);
        double[] ou = new double[D];
        for (int t = 0; t < 100; t++) {
            p.next();
            a.predict(p.x, o1);
            untouched.predict(p.x, ou);
            assertBitIdentical(o1, ou);
            a.learn(p.x, p.y);
            untouched.learn(p.x, p.y);
        }
        assertThat(TestData.snapshot(a)).isEqualTo(TestData.snapshot(untouched));
    }

    /** The operator shares one input window among the tracks of a sample, so no learner may write into it. */
    @ParameterizedTest
    @MethodSource("kinds")
    void learnAndObserveLeaveTheirInputsUntouched(String kind) {
        OnlineRegressor a = create(kind);
        Pairs p = new Pairs(17, 0.1);
        double[] o = new double[D];
        for (int t = 0; t < 120; t++) {
            p.next();
            double[] x = p.x.clone();
            double[] y = p.y.clone();
            a.learn(p.x, p.y);
            assertThat(p.x).as("learn must not modify its input (step %d)", t).isEqualTo(x);
            assertThat(p.y).as("learn must not modify its target (step %d)", t).isEqualTo(y);
            a.predict(p.x, o);
            a.observe(p.x);
            assertThat(p.x).as("observe must not modify its input (step %d)", t).isEqualTo(x);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void staysFiniteOnConstantTinyAndZeroInputs(String kind) {
        for (double c : new double[] {3.7, 1e-200, 0.0, -1e-200}) {
            OnlineRegressor l = create(kind);
            double[] x = new double[M];
            double[] y = new double[D];
            Arrays.fill(x, c);
            x[0] = 1.0;
            Arrays.fill(y, c);
            double[] out = new double[D];
            for (int t = 0; t < 12_000; t++) { // long enough for RLS to reach its covariance bound
                l.predict(x, out);
                assertThat(TestData.allFinite(out)).as("%s, input %s, step %d: %s", kind, c, t, Arrays.toString(out)).isTrue();
                l.learn(x, y);
            }
            // and it is still usable on a generic input afterwards
            double[] z = new double[M];
            TestData.randomInput(new Random(5), z);
            l.predict(z, out);
            assertThat(TestData.allFinite(out)).as("%s after input %s", kind, c).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stateSizeIsBounded(String kind) {
        OnlineRegressor l = create(kind);
        Pairs p = new Pairs(17, 0.1);
        int at100 = -1;
        for (int t = 1; t <= 10_000; t++) {
            p.next();
            l.learn(p.x, p.y);
            if (t == 100) {
                at100 = TestData.snapshot(l).length;
            }
        }
        assertThat(TestData.snapshot(l).length).isEqualTo(at100);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stateStartsWithAVersionThatIsChecked(String kind) throws Exception {
        assumeFalse(kind.equals("last"), "the last-value state predates per-kind versions");
        byte[] state = TestData.snapshot(create(kind));
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state));
        in.readUTF();
        in.readInt();
        int offset = state.length - in.available();
        assertThat(java.nio.ByteBuffer.wrap(state, offset, 4).getInt()).as("state version").isPositive();
        byte[] future = state.clone();
        java.nio.ByteBuffer.wrap(future, offset, 4).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> TestData.restore(future)).hasRootCauseInstanceOf(java.io.IOException.class)
                .hasMessageContaining("version");
    }

    /**
     * A noiseless multichannel sinusoid, windowed as the forecast operator windows streams: x = [1; s_{t-k+1..t}],
     * y = s_{t+1}. Each channel obeys s_{t+1} = 2cos(w) s_t - s_{t-1}, so the target is exactly linear in the window
     * and every forecaster should learn it. (I.i.d. inputs would not do for the published UORO, whose gradient has
     * no immediate term: it learns from temporal correlation, which forecasting streams have.)
     */
    static final class Series {
        final double[] x = new double[M];
        final double[] y = new double[D];
        private long t;

        void next() {
            x[0] = 1.0;
            for (int j = 0; j < CTX.history(); j++) {
                for (int i = 0; i < D; i++) x[1 + j * D + i] = value(t + j, i);
            }
            for (int i = 0; i < D; i++) y[i] = value(t + CTX.history(), i);
            t++;
        }

        private static double value(long time, int channel) {
            return Math.sqrt(2) * Math.sin(2 * Math.PI * time / (17.0 + 6 * channel) + channel);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void learnsANoiselessLinearlyPredictableSeries(String kind) {
        assumeFalse(kind.equals("last"), "the last-value baseline does not learn");
        // an exact linear fit is a property of the linear learners; the RNN trainers' accuracy is measured by their
        // own tests (gradient checks, sinusoid learning) and by the published benchmark's reproduction
        assumeFalse(kind.startsWith("rnn-"), "RNN trainers: see RnnTrainerTest and tidecast reproduce");
        // an RBF machine fitted once on the warm-up window interpolates; it cannot extrapolate a linear recursion
        assumeFalse(kind.equals(KernelSvr.KIND), "kernel SVR: see KernelSvrTest");
        OnlineRegressor l = create(kind);
        Series p = new Series();
        double[] out = new double[D];
        int n = 5000;
        int window = 100;
        double early = 0;
        double late = 0;
        for (int t = 0; t < n; t++) {
            p.next();
            l.predict(p.x, out);
            double se = 0;
            for (int i = 0; i < D; i++) {
                se += (p.y[i] - out[i]) * (p.y[i] - out[i]);
            }
            if (t < window) {
                early += se;
            } else if (t >= n - window) {
                late += se;
            }
            l.learn(p.x, p.y);
        }
        assertThat(late).as("%s: squared error over the last %d steps vs the first", kind, window).isLessThan(0.1 * early);
    }
}
