package io.tidecast.jobs.reproduce;

import io.tidecast.learners.metrics.ErrorStats;
import io.tidecast.learners.policy.Hedge;
import java.util.List;

/**
 * The causal ensemble of one cell: the other methods' models, each at its selected grid point, run side by side over
 * the series with the delayed update of {@link Protocol#CAUSAL}, and a Hedge mixture of their forecasts whose weights
 * learn only from losses that have arrived: at the instant s_t arrives, every member's forecast for t is scored, the
 * policy is charged those losses, every member learns the pair whose target is s_t, and then every member and the
 * mixture forecast t + h. The loss is the forecast operator's: the mean over the 9 coordinates of the squared error in
 * units of the first 30 s's standard deviation, clipped to [0, 1]. Each member's computation is exactly its own
 * causal run ({@link OnlineRun}); the mixture is scored, in mm, on the same window. The policy plays from the first
 * instant at which the protocol scores every member (the start of the latest validation window: OLS forecasts nothing
 * useful before its fit), so it is not charged for forecasts no member is judged on.
 */
final class EnsembleRun {
    /** One member: its model (fresh), how its units map to mm, and its history k. */
    record Member(StepModel model, Scaling scaling, int history) {}

    /**
     * @param ensemble the mixture's metrics on the window
     * @param members  every member's metrics on the window, from this same run
     * @param loss     cumulative loss of the mixture over every round the policy played (not only the window)
     * @param memberLoss cumulative loss of every member over those rounds
     * @param rounds   rounds the policy played
     */
    record Result(RunMetrics ensemble, RunMetrics[] members, double loss, double[] memberLoss, long rounds) {
        double bestLoss() {
            double b = Double.POSITIVE_INFINITY;
            for (double l : memberLoss) b = Math.min(b, l);
            return b;
        }

        /** External regret of the mixture against the best member in hindsight. */
        double regret() {
            return loss - bestLoss();
        }
    }

    private EnsembleRun() {}

    /**
     * @param raw        the series in mm
     * @param lossScale  the standardisation that defines the loss (the first 30 s)
     * @param firstRound the first target time the policy plays for (earlier forecasts are neither mixed nor charged)
     */
    static Result run(MarkerSeries raw, Scaling lossScale, List<Member> members, List<double[]> modelUnits, int h,
                      int firstRound, int windowStart, int windowEnd) {
        final int d = MarkerSeries.DIM;
        int n = members.size();
        int T = raw.length();
        int kmax = members.stream().mapToInt(Member::history).max().orElseThrow();
        Hedge policy = new Hedge(n, 0);
        double[] w = new double[n];
        double[] losses = new double[n];
        double[][] pending = new double[n][h * d]; // member forecasts in mm, slot = target time mod h
        double[] mix = new double[h * d];
        double[] u = new double[1 + d * kmax];
        double[] y = new double[d];
        double[] out = new double[d];
        double[] target = new double[d];
        ErrorStats ens = new ErrorStats(OnlineRun.MARKERS);
        ErrorStats[] own = new ErrorStats[n];
        double[][] prev = new double[n + 1][d];
        boolean[] havePrev = new boolean[n + 1];
        for (int i = 0; i < n; i++) own[i] = new ErrorStats(OnlineRun.MARKERS);
        double loss = 0;
        double[] memberLoss = new double[n];
        long rounds = 0;
        int firstMixed = Math.max(firstRound, kmax + h); // the first target every member has forecast
        for (int now = 1; now <= T; now++) {
            int slot = (now % h) * d;
            for (int c = 0; c < d; c++) target[c] = raw.at(now, c);
            if (now >= firstMixed) {
                for (int i = 0; i < n; i++) losses[i] = loss(pending[i], slot, target, lossScale);
                double mine = loss(mix, slot, target, lossScale);
                boolean scored = now >= windowStart && now <= windowEnd;
                if (scored) {
                    score(ens, mix, slot, target, prev[n], havePrev, n);
                    for (int i = 0; i < n; i++) score(own[i], pending[i], slot, target, prev[i], havePrev, i);
                }
                loss += mine;
                for (int i = 0; i < n; i++) memberLoss[i] += losses[i];
                rounds++;
                policy.update(losses);
            }
            if (now + h > T) continue;
            for (int i = 0; i < n; i++) {
                Member m = members.get(i);
                double[] units = modelUnits.get(i);
                int k = m.history();
                if (now - h - k + 1 >= 1) { // the pair whose target is s_now, which has just arrived
                    window(u, units, now - h - k + 1, k);
                    System.arraycopy(units, (now - 1) * d, y, 0, d);
                    m.model().learn(u, y);
                }
                if (now >= k) {
                    window(u, units, now - k + 1, k);
                    m.model().predict(u, out);
                    m.scaling().invert(out);
                    System.arraycopy(out, 0, pending[i], ((now + h) % h) * d, d);
                }
            }
            if (now + h >= firstMixed) {
                policy.weights(w);
                int s = ((now + h) % h) * d;
                java.util.Arrays.fill(mix, s, s + d, 0.0);
                for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) mix[s + c] += w[i] * pending[i][s + c];
            }
        }
        RunMetrics[] ms = new RunMetrics[n];
        for (int i = 0; i < n; i++) ms[i] = RunMetrics.of(own[i], Double.NaN);
        return new Result(RunMetrics.of(ens, Double.NaN), ms, loss, memberLoss, rounds);
    }

    /** u = [1; s_start .. s_{start+k-1}] in the member's units. */
    private static void window(double[] u, double[] units, int start, int k) {
        u[0] = 1.0;
        System.arraycopy(units, (start - 1) * MarkerSeries.DIM, u, 1, k * MarkerSeries.DIM);
    }

    private static void score(ErrorStats s, double[] f, int slot, double[] target, double[] prev, boolean[] havePrev, int i) {
        double[] v = java.util.Arrays.copyOfRange(f, slot, slot + MarkerSeries.DIM);
        s.add(target, v, havePrev[i] ? prev : null);
        System.arraycopy(v, 0, prev, 0, v.length);
        havePrev[i] = true;
    }

    static double loss(double[] f, int slot, double[] target, Scaling scale) {
        double s = 0;
        for (int c = 0; c < MarkerSeries.DIM; c++) {
            double e = (f[slot + c] - target[c]) / scale.std(c);
            s += e * e;
        }
        return Math.min(1.0, s / MarkerSeries.DIM);
    }
}
