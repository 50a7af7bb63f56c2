package io.tidecast.jobs.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reproduce --protocol causal} with the {@code ensemble} method on ExtMarker, all 9 sequences, over LMS and OLS at
 * their selected grid points. At 3.33 Hz and horizons of 1, 2 and 3 samples (0.3, 0.6, 0.9 s: close to the demo's
 * 0.1 / 0.5 / 1.0 s) so that it takes seconds: at 10 Hz the OLS grid alone (histories up to 60 samples, 541 inputs)
 * takes minutes on 2 cores. The 10 Hz figures are in the README.
 *
 * <p>The yardstick is Hedge's regret bound with delayed feedback: a forecast for h samples ahead is scored h rounds
 * after it is made, so the policy plays with the losses of the last h - 1 rounds missing; running Hedge on delayed
 * losses costs a factor of about sqrt(h) (the bound grows like sqrt((T + D) ln N) with total delay D = (h - 1) T;
 * Joulani et al. 2013, Quanrud &amp; Khashabi 2015). We use {@code B(T) = 2 sqrt(h T ln N)} (Hedge's own anytime
 * bound, 2 sqrt(T ln N / 2), scaled by sqrt(2h)) on the loss the policy sees (clipped, in [0, 1]); every cell must keep
 * its regret under it. Per horizon, over the 9 sequences: nRMSE^2 is a cumulative squared error over a fixed
 * denominator, so a mean cumulative loss at most the mean B above the best member's mean L_best allows a mean nRMSE at
 * most {@code sqrt(1 + B / L_best)} times the best member's. (That translation is exact only if the loss were the
 * unclipped squared 3D error in mm over the scored window; per cell it is not, and one cell of 27 exceeds it by 2 %,
 * which is why the nRMSE check is made per horizon, as stated in the issue.)
 */
class ReproduceEnsembleTest {
    static final int[] HORIZONS = {1, 2, 3};
    static ReproduceConfig cfg;
    static Map<Method, List<CellResult>> results;

    @BeforeAll
    static void run() throws Exception {
        cfg = new ReproduceConfig(ReproduceAcceptanceTest.DATA, Rate.HZ_3_33, List.of(Method.LMS, Method.OLS, Method.ENSEMBLE),
                ReproduceConfig.ALL_SEQUENCES, HORIZONS, 1, 1, Protocol.CAUSAL, 42, Method.GridSize.FULL, 2);
        results = new ReproduceEngine(cfg).run(null);
    }

    static double bound(int h, long rounds, int members) {
        return 2 * Math.sqrt(h * rounds * Math.log(members));
    }

    @Test
    void theEnsembleIsNoWorseThanTheBestMemberByMoreThanTheRegretBound() {
        List<Method> members = List.of(Method.LMS, Method.OLS);
        ReproduceEngine engine = new ReproduceEngine(cfg);
        List<CellResult> ens = results.get(Method.ENSEMBLE);
        assertThat(ens).hasSize(9 * HORIZONS.length);
        Map<Integer, double[]> perHorizon = new java.util.TreeMap<>(); // h -> [ens nRMSE, lms, ols, B, L_best] sums
        int c = 0;
        for (int s : cfg.sequences()) for (int h : HORIZONS) {
            CellResult lms = results.get(Method.LMS).get(c);
            CellResult ols = results.get(Method.OLS).get(c);
            GridPoint[] chosen = {lms.chosen(), ols.chosen()};
            int[] points = {Method.LMS.grid(cfg.rate(), cfg.grid()).indexOf(lms.chosen()),
                    Method.OLS.grid(cfg.rate(), cfg.grid()).indexOf(ols.chosen())};
            EnsembleRun.Result r = engine.ensembleTestRun(members, points, chosen, s, h, 0);
            // inside the ensemble every member computes exactly its own causal test run
            for (int i = 0; i < 2; i++) {
                CellResult own = results.get(members.get(i)).get(c);
                assertThat(Arrays.copyOf(own.test(), 5)).as("seq %d h %d %s", s, h, members.get(i))
                        .containsExactly(r.members()[i].nrmse(), r.members()[i].rmse(), r.members()[i].mae(), r.members()[i].maxError(),
                                r.members()[i].jitter());
            }
            assertThat(ens.get(c).nrmse()).isEqualTo(r.ensemble().nrmse());
            double b = bound(h, r.rounds(), 2);
            assertThat(r.regret()).as("seq %d h %d regret", s, h).isLessThanOrEqualTo(b);
            double[] acc = perHorizon.computeIfAbsent(h, x -> new double[5]);
            acc[0] += r.ensemble().nrmse();
            acc[1] += lms.nrmse();
            acc[2] += ols.nrmse();
            acc[3] += b;
            acc[4] += r.bestLoss();
            System.out.printf("seq %d h %d: ensemble %.4f LMS %.4f OLS %.4f regret %.2f bound %.1f rounds %d%n", s, h,
                    r.ensemble().nrmse(), lms.nrmse(), ols.nrmse(), r.regret(), b, r.rounds());
            c++;
        }
        for (var e : perHorizon.entrySet()) {
            double[] a = e.getValue();
            double best = Math.min(a[1], a[2]) / 9;
            assertThat(a[0] / 9).as("h %d mean nRMSE", e.getKey()).isLessThanOrEqualTo(best * Math.sqrt(1 + a[3] / a[4]));
        }
    }

    @Test
    void perHorizonMeansAreReportedBesideTheMembers() {
        for (int hi = 0; hi < HORIZONS.length; hi++) {
            final int h = HORIZONS[hi];
            double ens = Aggregate.of(results.get(Method.ENSEMBLE).stream().filter(x -> x.horizon() == h).toList()).nrmse();
            double lms = Aggregate.of(results.get(Method.LMS).stream().filter(x -> x.horizon() == h).toList()).nrmse();
            double ols = Aggregate.of(results.get(Method.OLS).stream().filter(x -> x.horizon() == h).toList()).nrmse();
            System.out.printf("causal 3.33 Hz h=%d: ensemble %.4f, LMS %.4f, OLS %.4f%n", h, ens, lms, ols);
            assertThat(ens).isFinite().isPositive();
        }
    }

    @Test
    void theEnsembleNeedsTheCausalProtocolAndOtherMethods() {
        StringWriter err = new StringWriter();
        int code = ReproduceEngineTest.cli(err, "reproduce", "--methods", "lms,ensemble", "--protocol", "paper", "--rate", "10");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--protocol causal");
        err = new StringWriter();
        assertThat(ReproduceEngineTest.cli(err, "reproduce", "--methods", "ensemble", "--protocol", "causal")).isEqualTo(2);
    }
}
