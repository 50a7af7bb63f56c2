package io.tidecast.learners.groupwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidecast.learners.Ridge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class GroupwiseRegressorTest {

    static double w(double r, double c) {
        double a = Math.max(r + 1, 0), b = Math.max(r - 1, 0);
        return 0.5 * (Math.exp(a * a / (3 * (c + 1))) - Math.exp(b * b / (3 * (c + 1))));
    }

    @Test
    void handCheckedRounds() {
        GroupwiseRegressor m = new GroupwiseRegressor(2, 1.0);
        assertThat(m.addGroup("g")).isEqualTo(1);
        double[] x = {1, 0};
        boolean[] both = {true, true};
        boolean[] onlyAlways = {true, false};

        // round 1: every ridge predicts 0; uniform weights; equal losses leave R = C = 0
        GroupwiseRegressor.Step s = m.step(x, both, 1);
        assertThat(s.weights).containsExactly(0.5, 0.5);
        assertThat(s.expectedLoss).isEqualTo(1);
        assertThat(m.hedge().regrets()).containsExactly(0, 0);
        // round 2: g asleep; always-on after one (x, 1): theta = (1 + 1)^-1 * 1 = 0.5
        s = m.step(x, onlyAlways, 1);
        assertThat(s.weights).containsExactly(1, 0);
        assertThat(s.expertPredictions[0]).isCloseTo(0.5, within(1e-15));
        assertThat(s.expertPredictions[1]).isNaN();
        assertThat(s.expectedLoss).isCloseTo(0.25, within(1e-15));
        assertThat(m.hedge().regrets()).containsExactly(0, 0);
        // round 3: always-on predicts 2/3 (two rows), g predicts 1/2 (one row); l^ = (1/9 + 1/4)/2 = 13/72
        s = m.step(x, both, 1);
        assertThat(s.expertPredictions).containsExactly(new double[] {2.0 / 3, 0.5}, within(1e-15));
        assertThat(s.expectedLoss).isCloseTo(13.0 / 72, within(1e-15));
        assertThat(s.prediction).isCloseTo(7.0 / 12, within(1e-15));
        assertThat(s.mixtureLoss).isCloseTo(25.0 / 144, within(1e-15)).isLessThanOrEqualTo(s.expectedLoss);
        assertThat(m.hedge().regrets()).containsExactly(new double[] {5.0 / 72, -5.0 / 72}, within(1e-15));
        assertThat(m.hedge().absRegrets()).containsExactly(new double[] {5.0 / 72, 5.0 / 72}, within(1e-15));
        // round 4 weights from the AdaNormalHedge potential by hand
        double w0 = w(5.0 / 72, 5.0 / 72), w1 = w(-5.0 / 72, 5.0 / 72);
        s = m.predict(x, both);
        assertThat(s.weights).containsExactly(new double[] {w0 / (w0 + w1), w1 / (w0 + w1)}, within(1e-15));
        assertThat(s.weights[0]).isGreaterThan(0.5);
    }

    @Test
    void predictionIsMadeBeforeTheTargetIsUsed() {
        GroupwiseRegressor m = new GroupwiseRegressor(3, 1.0);
        m.addGroup("a");
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 50; t++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), 1};
            boolean[] awake = {true, rnd.nextBoolean()};
            GroupwiseRegressor.Step before = m.predict(x, awake);
            GroupwiseRegressor.Step s = m.step(x, awake, rnd.nextDouble() * 100);
            assertThat(s.prediction).isEqualTo(before.prediction);
            assertThat(s.baselinePrediction).isEqualTo(before.baselinePrediction);
        }
    }

    /** Rank-deficient design like the paper's: one-hot blocks that each sum to 1, and a duplicated indicator. */
    static double[][] design(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][7];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextDouble();
            x[i][1] = rnd.nextDouble();
            int a = rnd.nextInt(2), b = rnd.nextInt(3);
            x[i][2 + a] = 1;
            x[i][4 + b] = 1;
            x[i][6] = x[i][2];
        }
        return x;
    }

    @Test
    void onlineRidgeEqualsBatchRidgeAfterEveryRow() {
        double[][] x = design(300, 1);
        double[] y = new double[x.length];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < y.length; i++) y[i] = 2 * x[i][0] - x[i][1] + 0.5 * x[i][3] + 0.1 * rnd.nextGaussian();
        double lambda = 1.0;
        Ridge online = Ridge.overFeatures(7, lambda);
        for (int t = 0; t < x.length; t++) {
            online.learn(x[t], new double[] {y[t]});
            RealMatrix a = new Array2DRowRealMatrix(7, 7);
            double[] b = new double[7];
            for (int i = 0; i < 7; i++) a.setEntry(i, i, lambda);
            for (int s = 0; s <= t; s++) {
                for (int i = 0; i < 7; i++) {
                    b[i] += y[s] * x[s][i];
                    for (int j = 0; j < 7; j++) a.addToEntry(i, j, x[s][i] * x[s][j]);
                }
            }
            double[] theta = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b)).toArray();
            double[] probe = x[(t * 7 + 3) % x.length];
            double batch = 0;
            for (int i = 0; i < 7; i++) batch += theta[i] * probe[i];
            assertThat(online.predictScalar(probe)).as("row %d", t).isCloseTo(batch, within(1e-10));
        }
        assertThat(online.recoveries()).isZero();
    }

    @Test
    void hindsightSseEqualsMinNormLeastSquaresResidual() {
        double[][] x = design(40, 5);
        double[] y = new double[x.length];
        SplittableRandom rnd = new SplittableRandom(6);
        for (int i = 0; i < y.length; i++) y[i] = x[i][0] * x[i][1] * 3 + rnd.nextGaussian();
        HindsightLeastSquares h = new HindsightLeastSquares(7);
        for (int i = 0; i < x.length; i++) h.add(x[i], y[i]);
        assertThat(h.sse()).isCloseTo(direct(x, y, x.length), within(1e-9));
        assertThat(h.sseWithoutLast()).isCloseTo(direct(x, y, x.length - 1), within(1e-9));
        assertThat(h.sseWithoutLast()).isLessThan(h.sse());
    }

    static double direct(double[][] x, double[] y, int n) {
        RealMatrix m = new Array2DRowRealMatrix(n, 7);
        for (int i = 0; i < n; i++) m.setRow(i, x[i]);
        ArrayRealVector yv = new ArrayRealVector(java.util.Arrays.copyOf(y, n));
        double[] theta = new SingularValueDecomposition(m).getSolver().solve(yv).toArray();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i];
            for (int j = 0; j < 7; j++) r -= theta[j] * x[i][j];
            s += r * r;
        }
        return s;
    }

    @Test
    void restoredStreamContinuesBitIdentically() throws IOException {
        SplittableRandom rnd = new SplittableRandom(9);
        GroupwiseStream a = new GroupwiseStream(MinMaxScaler.running(2), 1, 1.0);
        double[][] f = new double[200][];
        double[] y = new double[200];
        String[][] g = new String[200][];
        for (int t = 0; t < 200; t++) {
            f[t] = new double[] {rnd.nextDouble() * 50, rnd.nextDouble()};
            y[t] = f[t][0] * 3 + rnd.nextGaussian();
            g[t] = t % 3 == 0 ? new String[] {"x"} : t % 3 == 1 ? new String[] {"x", "y"} : new String[0];
        }
        for (int t = 0; t < 100; t++) a.process(f[t], new double[] {t % 2}, y[t], g[t]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        GroupwiseStream b = GroupwiseStream.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int t = 100; t < 200; t++) {
            var oa = a.process(f[t], new double[] {t % 2}, y[t], g[t]);
            var ob = b.process(f[t], new double[] {t % 2}, y[t], g[t]);
            assertThat(ob).isEqualTo(oa);
        }
        assertThat(b.metrics("k", false, true)).usingRecursiveComparison().isEqualTo(a.metrics("k", false, true));
        assertThat(a.problem(new double[] {1}, new double[] {0}, 1, null)).contains("expected 2 features");
        assertThat(a.problem(new double[] {1, 2}, new double[] {0}, Double.NaN, null)).contains("target");
        assertThat(a.problem(new double[] {1, 2}, new double[] {0}, 1, new String[] {" "})).contains("blank");
    }
}
