package io.tidecast.jobs.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Indices, splits, scaling and metrics on tiny hand-checked series, and the causality of the causal protocol. */
class ReproduceProtocolTest {
    static final int D = MarkerSeries.DIM;

    /** T = 5: zero at 1..3; at 4 marker 1 is at (3, 4, 0); at 5 marker 2 is at (6, 8, 0). Layout x1 x2 x3 y1 y2 y3 z1 z2 z3. */
    static MarkerSeries tiny() {
        double[] v = new double[5 * D];
        v[3 * D] = 3; v[3 * D + 3] = 4;         // t=4: x1, y1
        v[4 * D + 1] = 6; v[4 * D + 4] = 8;     // t=5: x2, y2
        return new MarkerSeries(0, v);
    }

    /** Predicts a fixed function of its input and records what it was given. */
    static final class Spy implements StepModel {
        final List<double[]> predicted = new ArrayList<>();
        final List<double[][]> learned = new ArrayList<>();
        final boolean lastValue;

        Spy(boolean lastValue) {
            this.lastValue = lastValue;
        }

        public void predictThenLearn(double[] u, double[] y, double[] out) {
            predict(u, out);
            learn(u, y);
        }

        public void predict(double[] u, double[] out) {
            predicted.add(u.clone());
            if (lastValue) System.arraycopy(u, u.length - D, out, 0, D);
            else Arrays.fill(out, 0);
        }

        public void learn(double[] u, double[] y) {
            learned.add(new double[][] {u.clone(), y.clone()});
        }
    }

    @Test
    void metricsOfAConstantForecastMatchTheHandComputation() {
        OnlineRun run = new OnlineRun(tiny(), Scaling.identity());
        RunMetrics m = run.run(new Spy(false), Protocol.PAPER, 1, 1, 5, 4, 5, null);
        // errors: t4 marker1 5 mm, t5 marker2 10 mm; n = 2 instants x 3 markers
        assertThat(m.mae()).isCloseTo(15.0 / 6, within(1e-12));
        assertThat(m.rmse()).isCloseTo(Math.sqrt(125.0 / 6), within(1e-12));
        assertThat(m.maxError()).isEqualTo(10.0);
        // denominator: per-coordinate window means: x1 (3,0) 4.5 + y1 (4,0) 8 + x2 (0,6) 18 + y2 (0,8) 32 = 62.5
        assertThat(m.nrmse()).isCloseTo(Math.sqrt(125.0 / 62.5), within(1e-12));
        assertThat(m.jitter()).isEqualTo(0.0);
    }

    @Test
    void metricsOfTheLastValueForecastIncludingJitterOverNMinusOnePairs() {
        OnlineRun run = new OnlineRun(tiny(), Scaling.identity());
        RunMetrics m = run.run(new Spy(true), Protocol.PAPER, 1, 1, 5, 4, 5, null);
        // forecasts: t4 <- s3 = 0, t5 <- s4; errors: t4 m1 5; t5 m1 5, m2 10
        assertThat(m.mae()).isCloseTo(20.0 / 6, within(1e-12));
        assertThat(m.rmse()).isCloseTo(5.0, within(1e-12));
        assertThat(m.nrmse()).isCloseTo(Math.sqrt(150.0 / 62.5), within(1e-12));
        assertThat(m.maxError()).isEqualTo(10.0);
        // one pair of consecutive forecasts (n - 1 = 1): marker 1 moves 5 mm, the others 0; mean over 3 markers
        assertThat(m.jitter()).isCloseTo(5.0 / 3, within(1e-12));
    }

    @Test
    void pairsAreTimeMajorWindowsWithTheTargetHSamplesAfterTheLastInput() {
        double[] v = new double[10 * D];
        for (int t = 1; t <= 10; t++) for (int c = 0; c < D; c++) v[(t - 1) * D + c] = 100 * t + c;
        OnlineRun run = new OnlineRun(new MarkerSeries(0, v), Scaling.identity());
        Spy spy = new Spy(false);
        int k = 2, h = 3;
        run.run(spy, Protocol.PAPER, k, h, 10, k + h, 10, null);
        assertThat(spy.learned).hasSize(10 - k - h + 1); // M = T - k - h + 1
        double[] u1 = spy.learned.get(0)[0];
        assertThat(u1).hasSize(1 + D * k);
        assertThat(u1[0]).isEqualTo(1.0);
        assertThat(u1[1]).isEqualTo(100);           // s_1, x1 (oldest sample first)
        assertThat(u1[D]).isEqualTo(108);           // s_1, z3
        assertThat(u1[D + 1]).isEqualTo(200);       // s_2, x1
        assertThat(spy.learned.get(0)[1][0]).isEqualTo(500); // y_1 = s_{1+k+h-1} = s_5
    }

    @Test
    void scalingUsesThePopulationStdOfTheTrainingPart() {
        double[] v = new double[3 * D];
        v[0] = 1; v[D] = 3; v[2 * D] = 1000; // coordinate x1: 1, 3 in training, then an outlier outside it
        Scaling s = Scaling.fit(new MarkerSeries(0, v), 2);
        assertThat(s.mean(0)).isEqualTo(2.0);
        assertThat(s.std(0)).isEqualTo(1.0); // sqrt(((1-2)^2 + (3-2)^2) / 2), not / (n-1)
        double[] z = s.apply(new MarkerSeries(0, v));
        assertThat(z[0]).isEqualTo(-1.0);
        double[] back = {z[D], 0, 0, 0, 0, 0, 0, 0, 0};
        s.invert(back);
        assertThat(back[0]).isEqualTo(3.0);
    }

    @Test
    void splitsAreThePublishedOnes() {
        assertThat(new int[] {Rate.HZ_3_33.trainEnd, Rate.HZ_3_33.validationEnd, Rate.HZ_3_33.offlineFitEnd}).containsExactly(100, 200, 180);
        assertThat(new int[] {Rate.HZ_10.trainEnd, Rate.HZ_10.validationEnd, Rate.HZ_10.offlineFitEnd}).containsExactly(300, 600, 540);
        assertThat(new int[] {Rate.HZ_30.trainEnd, Rate.HZ_30.validationEnd, Rate.HZ_30.offlineFitEnd}).containsExactly(900, 1800, 1620);
        assertThat(Rate.HZ_30.horizons()).hasSize(21).startsWith(3, 6).endsWith(63);
        assertThat(Method.LMS.grid(Rate.HZ_3_33, Method.GridSize.FULL)).hasSize(15)
                .startsWith(new GridPoint(4, 2e-4, 0), new GridPoint(8, 2e-4, 0)); // k varies fastest
        assertThat(Method.SNAP1.grid(Rate.HZ_10, Method.GridSize.FULL)).hasSize(90);
        assertThat(Method.RTRL.grid(Rate.HZ_10, Method.GridSize.FULL)).hasSize(45);
    }

    @Test
    void causalModeNeverLearnsFromATargetLaterThanNow() {
        OnlineRun run = new OnlineRun(ReproduceAcceptanceTest.load(7), Scaling.identity());
        for (int h = 1; h <= 7; h++) {
            List<int[]> causal = new ArrayList<>();
            run.run(new Spy(true), Protocol.CAUSAL, 4, h, 200, 101, 200, (target, now) -> causal.add(new int[] {target, now}));
            assertThat(causal).isNotEmpty().allSatisfy(e -> assertThat(e[0]).isLessThanOrEqualTo(e[1]));
            List<int[]> paper = new ArrayList<>();
            run.run(new Spy(true), Protocol.PAPER, 4, h, 200, 101, 200, (target, now) -> paper.add(new int[] {target, now}));
            final int hh = h;
            assertThat(paper).allSatisfy(e -> assertThat(e[0] - e[1]).isEqualTo(hh)); // the published step looks h ahead
        }
    }

    @Test
    void causalAndPaperAgreeAtHorizonOneAndDifferBeyond() {
        OnlineRun run = new OnlineRun(ReproduceAcceptanceTest.load(7), Scaling.fit(ReproduceAcceptanceTest.load(7), 100));
        GridPoint gp = new GridPoint(8, 1e-3, 0);
        RunMetrics p1 = run.run(Method.LMS.create(gp, 0, 1), Protocol.PAPER, 8, 1, 242, 201, 242, null);
        RunMetrics c1 = run.run(Method.LMS.create(gp, 0, 1), Protocol.CAUSAL, 8, 1, 242, 201, 242, null);
        assertThat(c1).isEqualTo(new RunMetrics(p1.nrmse(), p1.rmse(), p1.mae(), p1.maxError(), p1.jitter(), c1.nanosPerStep()));
        RunMetrics p3 = run.run(Method.LMS.create(gp, 0, 1), Protocol.PAPER, 8, 3, 242, 201, 242, null);
        RunMetrics c3 = run.run(Method.LMS.create(gp, 0, 1), Protocol.CAUSAL, 8, 3, 242, 201, 242, null);
        assertThat(c3.nrmse()).isNotEqualTo(p3.nrmse());
    }

    @Test
    void causalRnnAtHorizonOneIsThePapersComputation() {
        MarkerSeries s7 = ReproduceAcceptanceTest.load(7);
        OnlineRun run = new OnlineRun(s7, Scaling.fit(s7, 100));
        GridPoint gp = new GridPoint(8, 0.01, 30);
        for (Method m : new Method[] {Method.SNAP1, Method.DNI}) {
            RunMetrics p = run.run(m.create(gp, 0, 7), Protocol.PAPER, 8, 1, 242, 201, 242, null);
            RunMetrics c = run.run(m.create(gp, 0, 7), Protocol.CAUSAL, 8, 1, 242, 201, 242, null);
            assertThat(c.nrmse()).isEqualTo(p.nrmse());
            assertThat(c.jitter()).isEqualTo(p.jitter());
        }
    }

    @Test
    void theHarnessRtrlIsTheStreamingRtrlToRoundOff() {
        MarkerSeries s1 = ReproduceAcceptanceTest.load(1);
        OnlineRun run = new OnlineRun(s1, Scaling.fit(s1, 100));
        // a point where training does not amplify round-off (at larger η and q it does, for forward RTRL alone too:
        // one weight perturbed by 1e-15 ends up as far from the unperturbed run as the reverse engine's, see the README)
        GridPoint gp = new GridPoint(12, 0.005, 10);
        int end = 400; // validation-length runs and beyond
        for (Protocol protocol : Protocol.values()) {
            RunMetrics fwd = run.run(Method.RTRL.create(gp, 0, 3), protocol, 12, 2, end, 201, end, null);
            RunMetrics rev = run.run(Method.RTRL.createOffline(gp, 0, 3), protocol, 12, 2, end, 201, end, null);
            assertThat(rev.nrmse()).as(protocol.name()).isCloseTo(fwd.nrmse(), within(1e-9 * fwd.nrmse()));
            assertThat(rev.maxError()).as(protocol.name()).isCloseTo(fwd.maxError(), within(1e-9 * fwd.maxError()));
            assertThat(rev.jitter()).as(protocol.name()).isCloseTo(fwd.jitter(), within(1e-9 * fwd.jitter()));
        }
    }

    @Test
    void gridSelectionDisqualifiesExtraDivergencesAndKeepsTheFirstOfTies() {
        double nan = Double.NaN;
        assertThat(GridSelection.select(new double[][] {{0.5, 0.5}, {0.4, 0.6}, {0.3, 0.9}})).isEqualTo(0); // tie 0.5/0.5 -> first; 0.6 loses
        assertThat(GridSelection.select(new double[][] {{0.5, 0.5}, {0.1, nan}})).isEqualTo(0);              // extra NaN disqualifies
        assertThat(GridSelection.select(new double[][] {{0.5, nan}, {0.2, nan}})).isEqualTo(1);              // equal NaN counts compete
        assertThat(GridSelection.mean(new double[] {1, nan, 3})).isEqualTo(2.0);
    }
}
