package io.tidecast.jobs.relax;

import io.tidecast.learners.relax.ShiftSetting;
import java.util.Map;

/**
 * The reference table of Learning to Relax (Khodak et al., ICLR 2024), SOR on the shifted 10 x 10 Laplacian,
 * T = 5000: mean SOR iterations per instance, as independently recomputed from the authors' HEAD code
 * ({@code ../shared/reference/bandits-regret.md} §1.8; the paper itself shows these runs as figures only).
 * Values: {mean over t = 1..5000, mean over the last 1500 instances (NaN if not given)}.
 */
final class RelaxPublished {
    private RelaxPublished() {}

    static final Map<String, double[]> LOW = Map.ofEntries(
            Map.entry("fixed-1.0", new double[] {272.0, Double.NaN}),
            Map.entry("fixed-1.2", new double[] {179.0, Double.NaN}),
            Map.entry("fixed-1.4", new double[] {110.5, Double.NaN}),
            Map.entry("fixed-1.6", new double[] {63.4, Double.NaN}),
            Map.entry("fixed-1.8", new double[] {85.9, Double.NaN}),
            Map.entry("best-fixed", new double[] {59.2, Double.NaN}),
            Map.entry("tsallis-inf", new double[] {66.6, 63.2}),
            Map.entry("tsallis-inf-cb", new double[] {63.0, 59.6}),
            Map.entry("chebcb", new double[] {46.5, 44.3}),
            Map.entry("instance-optimal", new double[] {41.8, Double.NaN}),
            Map.entry("per-instance-best", new double[] {43.3, Double.NaN}));

    static final Map<String, double[]> HIGH = Map.ofEntries(
            Map.entry("fixed-1.0", new double[] {611.3, Double.NaN}),
            Map.entry("fixed-1.2", new double[] {405.5, Double.NaN}),
            Map.entry("fixed-1.4", new double[] {257.0, Double.NaN}),
            Map.entry("fixed-1.6", new double[] {151.3, Double.NaN}),
            Map.entry("fixed-1.8", new double[] {103.7, Double.NaN}),
            Map.entry("best-fixed", new double[] {103.7, Double.NaN}),
            Map.entry("tsallis-inf", new double[] {117.2, 114.0}),
            Map.entry("tsallis-inf-cb", new double[] {97.3, 89.8}),
            Map.entry("chebcb", new double[] {67.1, 62.0}),
            Map.entry("instance-optimal", new double[] {56.2, Double.NaN}),
            Map.entry("per-instance-best", new double[] {58.5, Double.NaN}));

    /** Best fixed grid omega in hindsight of the reference run. */
    static double bestFixedOmega(ShiftSetting s) {
        return s == ShiftSetting.LOW ? 1.65 : 1.80;
    }

    static double[] of(ShiftSetting s, String method) {
        double[] v = (s == ShiftSetting.LOW ? LOW : HIGH).get(method);
        return v == null ? new double[] {Double.NaN, Double.NaN} : v;
    }

    /** Published ChebCB regret vs the best fixed omega at t = 500 / 1k / 2k / 5k (iterations). */
    static double[] chebcbRegret(ShiftSetting s) {
        return s == ShiftSetting.LOW ? new double[] {2.0e3, -4.5e3, -18.0e3, -63.5e3} : new double[] {0.2e3, -18.6e3, -58.3e3, -182.9e3};
    }
}
