package io.tidecast.jobs.reproduce;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.rnn.RnnTrainer;
import io.tidecast.learners.rnn.RtrlReverse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's methods, their grids (reference §5.1) and how one run's model is made. */
public enum Method {
    // run seeds derive from the ordinal: new methods go last, so that earlier figures stay reproducible
    LMS("LMS", null), OLS("OLS", null),
    RTRL("RTRL", RnnTrainer.Algorithm.RTRL), UORO("UORO", RnnTrainer.Algorithm.UORO),
    SNAP1("SnAp-1", RnnTrainer.Algorithm.SNAP1), DNI("DNI", RnnTrainer.Algorithm.DNI),
    SVR("kernel SVR", null),
    /** Hedge over the other methods of the same cell, at their selected points ({@link EnsembleRun}); causal only. */
    ENSEMBLE("Ensemble", null);

    private static final double[] RNN_ETAS = {0.005, 0.01, 0.02};
    private static final int[] RTRL_HIDDEN = {10, 25, 40};
    private static final int[] RNN_HIDDEN = {30, 60, 90, 120, 150, 180};
    private static final double[] SVR_SCALES = {100, 200, 500, 1000};
    private static final double[] SVR_EPSILONS = {0.005, 0.01, 0.02, 0.05};
    private static final double[] SVR_BOXES = {100, 200, 500, 1000};

    public final String title;
    private final RnnTrainer.Algorithm algorithm;

    Method(String title, RnnTrainer.Algorithm algorithm) {
        this.title = title;
        this.algorithm = algorithm;
    }

    public static Method parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (Method m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(n)) return m;
        }
        throw new IllegalArgumentException("unknown method '" + s + "'; use lms, ols, svr, rtrl, uoro, snap1, dni, ensemble");
    }

    public boolean isRnn() {
        return algorithm != null;
    }

    /** LMS (from W = 0) and OLS are deterministic: one run per grid point, whatever --val-runs/--test-runs say. */
    public boolean deterministic() {
        return !isRnn();
    }

    /** OLS and SVR are fitted once on the first 54 s and validated on the last 6 s of the first minute. */
    public boolean offline() {
        return this == OLS || this == SVR;
    }

    public enum GridSize { FULL, SMALL }

    /**
     * Grid points in MATLAB column-major order, the first listed hyperparameter (k) varying fastest, then η, then q;
     * argmin ties go to the earliest point. The small grid keeps LMS/OLS full (they are cheap) and cuts the RNN
     * grid to k ∈ {2.4, 3.6 s}, η ∈ {0.01, 0.02}, q ∈ {25} (RTRL) or {60, 90}: for quick checks only.
     */
    public List<GridPoint> grid(Rate rate, GridSize size) {
        int[] ks = rate.histories();
        List<GridPoint> out = new ArrayList<>();
        switch (this) {
            case ENSEMBLE -> out.add(new GridPoint(0, Double.NaN, 0)); // nothing to tune
            case OLS -> {
                for (int k : ks) out.add(new GridPoint(k, Double.NaN, 0));
            }
            case LMS -> {
                for (double eta : rate.lmsEtas()) for (int k : ks) out.add(new GridPoint(k, eta, 0));
            }
            case SVR -> { // listed order k, KernelScale, Epsilon, BoxConstraint (only the 3.33 Hz block is published)
                for (double c : SVR_BOXES) for (double eps : SVR_EPSILONS) for (double sc : SVR_SCALES) for (int k : ks) {
                    out.add(GridPoint.svr(k, sc, eps, c));
                }
            }
            default -> {
                boolean small = size == GridSize.SMALL;
                int[] kk = small ? new int[] {ks[1], ks[2]} : ks;
                double[] etas = small ? new double[] {0.01, 0.02} : RNN_ETAS;
                int[] qs = small ? (this == RTRL ? new int[] {25} : new int[] {60, 90}) : (this == RTRL ? RTRL_HIDDEN : RNN_HIDDEN);
                for (int q : qs) for (double eta : etas) for (int k : kk) out.add(new GridPoint(k, eta, q));
            }
        }
        return out;
    }

    /**
     * A fresh model for one run, as the streaming learner computes it (RTRL in forward mode).
     *
     * @param fitPairs for OLS: the number of pairs whose target time is within the offline fitting span
     */
    public StepModel create(GridPoint gp, int fitPairs, long seed) {
        return switch (this) {
            case RTRL -> StepModel.of(RnnTrainer.create(algorithm, gp.hidden(), 1 + MarkerSeries.DIM * gp.history(), MarkerSeries.DIM, gp.eta(), seed));
            default -> createOffline(gp, fitPairs, seed);
        };
    }

    /**
     * A fresh model for one offline run. RTRL computes its gradient in reverse over the stored history
     * ({@link RtrlReverse}): the same network to round-off, at a fraction of the cost on these short series.
     */
    public StepModel createOffline(GridPoint gp, int fitPairs, long seed) {
        if (this == RTRL) {
            return StepModel.of(RtrlReverse.create(gp.hidden(), 1 + MarkerSeries.DIM * gp.history(), MarkerSeries.DIM, gp.eta(), seed));
        }
        int d = MarkerSeries.DIM;
        int k = gp.history();
        LearnerContext ctx = new LearnerContext(d, k, 0, seed);
        return switch (this) {
            case LMS -> StepModel.of(Learners.create(new LearnerSpec("lms", "lms", k, Map.of("eta", gp.eta())), ctx));
            case OLS -> StepModel.of(Learners.create(new LearnerSpec("ols", "ols", k, Map.of("fitPairs", (double) fitPairs)), ctx));
            case ENSEMBLE -> throw new IllegalStateException("the ensemble is made of the other methods' models");
            case SVR -> StepModel.of(Learners.create(new LearnerSpec("svr", "svr", k, Map.of("fitPairs", (double) fitPairs,
                    "kernelScale", gp.kernelScale(), "epsilon", gp.epsilon(), "C", gp.box())), ctx));
            default -> StepModel.of(RnnTrainer.create(algorithm, gp.hidden(), ctx.inputDim(), d, gp.eta(), seed));
        };
    }

    /** Relative cost of one step, for the progress ETA only. */
    public double stepCost(GridPoint gp) {
        double m = 1 + MarkerSeries.DIM * gp.history();
        double q = gp.hidden();
        return switch (this) {
            case LMS, OLS, ENSEMBLE -> MarkerSeries.DIM * m;
            case SVR -> 30 * MarkerSeries.DIM * m * m; // SMO on about 170 pairs, then kernel sums at inference
            // reverse sweeps measure 5–17 steps of 2q² + 2qn FLOPs (the others: ~10qn = 2.5 × 4q(q+m))
            case RTRL -> 13 * q * (2 * q + m);
            default -> 4 * q * (q + m);
        };
    }
}
