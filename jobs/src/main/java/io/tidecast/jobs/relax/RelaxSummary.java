package io.tidecast.jobs.relax;

import io.tidecast.learners.relax.OmegaGrid;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table, cumulative-cost curves and regrets of one setting, averaged over trials. */
final class RelaxSummary {
    static final int[] FIXED = {0, 4, 8, 12, 16};
    static final int[] CHECKPOINTS = {500, 1000, 2000, 5000};
    static final int LAST_WINDOW = 1500;

    /** One method: means over all instances and trials; {@code trialSd} is the standard deviation of the per-trial means. */
    record Row(String method, String label, double omega, double mean, double lastWindow, double published, double publishedLastWindow,
               double trialSd) {
        double ratio() {
            return mean / published;
        }
    }

    final ShiftSetting setting;
    final int trials;
    final int instances;
    final List<Row> rows = new ArrayList<>();
    /** method -> mean cumulative cost at t = 1..T. */
    final Map<String, double[]> curves = new LinkedHashMap<>();
    /** policy -> mean cumulative regret at the checkpoints, vs the best fixed omega (end of trial) and vs omega*. */
    final Map<String, double[]> regretBestFixed = new LinkedHashMap<>();
    final Map<String, double[]> regretInstanceOptimal = new LinkedHashMap<>();
    final int[] checkpoints;

    RelaxSummary(ShiftSetting setting, List<RelaxTrial.Result> results) {
        this.setting = setting;
        this.trials = results.size();
        this.instances = results.get(0).instances();
        int T = instances;
        this.checkpoints = java.util.Arrays.stream(CHECKPOINTS).filter(c -> c <= T).toArray();
        for (int j : FIXED) {
            add("fixed-" + String.format(java.util.Locale.ROOT, "%.1f", OmegaGrid.omega(j)), "fixed ω = " + String.format(java.util.Locale.ROOT, "%.1f", OmegaGrid.omega(j)),
                    OmegaGrid.omega(j), results, r -> r.grid()[j]);
        }
        int[] counts = new int[OmegaGrid.SIZE];
        for (RelaxTrial.Result r : results) counts[r.bestFixedArm()]++;
        int mode = 0;
        for (int j = 1; j < counts.length; j++) if (counts[j] > counts[mode]) mode = j;
        add("best-fixed", "best fixed grid ω in hindsight (per trial)", OmegaGrid.omega(mode), results, r -> r.grid()[r.bestFixedArm()]);
        List<RelaxPolicy> ps = results.get(0).policies();
        for (int p = 0; p < ps.size(); p++) {
            int q = p;
            add(ps.get(p).id, ps.get(p).label, Double.NaN, results, r -> r.policy()[q]);
            double[] rb = new double[checkpoints.length];
            double[] ri = new double[checkpoints.length];
            for (RelaxTrial.Result r : results) {
                int[] best = r.grid()[r.bestFixedArm()];
                long cp = 0, cb = 0, cs = 0;
                int k = 0;
                for (int t = 0; t < T && k < checkpoints.length; t++) {
                    cp += r.policy()[q][t];
                    cb += best[t];
                    cs += r.star()[t];
                    if (t + 1 == checkpoints[k]) {
                        rb[k] += (double) (cp - cb) / trials;
                        ri[k] += (double) (cp - cs) / trials;
                        k++;
                    }
                }
            }
            regretBestFixed.put(ps.get(p).id, rb);
            regretInstanceOptimal.put(ps.get(p).id, ri);
        }
        add("instance-optimal", "instance-optimal ω*(c) (Young, exact Jacobi radius)", Double.NaN, results, RelaxTrial.Result::star);
        add("per-instance-best", "per-instance best grid point", Double.NaN, results, r -> {
            int[] m = new int[T];
            for (int t = 0; t < T; t++) {
                int b = Integer.MAX_VALUE;
                for (int[] g : r.grid()) b = Math.min(b, g[t]);
                m[t] = b;
            }
            return m;
        });
    }

    private void add(String method, String label, double omega, List<RelaxTrial.Result> results, java.util.function.Function<RelaxTrial.Result, int[]> costs) {
        int T = instances;
        double[] cum = new double[T];
        double mean = 0;
        double last = 0;
        double sq = 0;
        int w = Math.min(LAST_WINDOW, T);
        for (RelaxTrial.Result r : results) {
            int[] c = costs.apply(r);
            long s = 0;
            for (int t = 0; t < T; t++) {
                s += c[t];
                cum[t] += (double) s / trials;
                if (t >= T - w) last += (double) c[t] / ((double) w * trials);
            }
            mean += (double) s / ((double) T * trials);
            sq += ((double) s / T) * ((double) s / T);
        }
        double sd = trials > 1 ? Math.sqrt(Math.max(0, (sq - trials * mean * mean) / (trials - 1))) : Double.NaN;
        double[] pub = RelaxPublished.of(setting, method);
        rows.add(new Row(method, label, omega, mean, last, pub[0], pub[1], sd));
        curves.put(method, cum);
    }

    Row row(String method) {
        return rows.stream().filter(r -> r.method.equals(method)).findFirst().orElseThrow();
    }
}
