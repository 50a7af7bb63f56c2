package io.tidecast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark configuration: a learner at a sampling rate and signal history length (k = rate × history samples,
 * m = 9k inputs plus the bias) and, for the RNNs, q hidden units (0 for the least-squares learners).
 *
 * <p>{@link #id()} is the JMH {@code @Param} value the benchmarks parse ({@code learner:k:q}).
 */
public record BenchCase(String learner, double rateHz, double historyS, int k, int q) {

    /** Output (and per-sample) dimension: 3 markers × 3 coordinates. */
    public static final int D = 9;

    /**
     * The RNN trainers, by their Tidecast kind name, and {@value #RTRL_REVERSE}: RTRL's exact gradient computed in
     * reverse over the stored run ({@code RtrlReverse}, what the reproduce harness runs for RTRL), timed per run.
     */
    public static final List<String> RNNS = List.of("rtrl", "rtrl-reverse", "uoro", "snap1", "dni");
    public static final String RTRL_REVERSE = "rtrl-reverse";
    /** The least-squares learners (OLS is the frozen warm-up fit, i.e. inference plus a no-op update). */
    public static final List<String> LINEAR = List.of("lms", "nlms", "rls", "ridge", "ols");

    /** Published sampling rates (Hz) and history lengths (s). */
    public static final double[] RATES = {10.0 / 3.0, 10.0, 30.0};
    public static final double[] HISTORIES = {1.2, 6.0};

    public BenchCase {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1");
        if (isRnn(learner) && q < 1) throw new IllegalArgumentException(learner + " needs q >= 1");
    }

    public static boolean isRnn(String learner) {
        return RNNS.contains(learner);
    }

    public boolean rnn() {
        return isRnn(learner);
    }

    /** The learner whose published figure applies: RTRL's for {@value #RTRL_REVERSE} (the same gradient, to round-off). */
    public String publishedLearner() {
        return RTRL_REVERSE.equals(learner) ? "rtrl" : learner;
    }

    /** m + 1: the window input length with its leading 1. */
    public int inputDim() {
        return 1 + D * k;
    }

    public String id() {
        return learner + ":" + rateHz + ":" + k + ":" + q;
    }

    /** Parses {@link #id()} (the history is recovered as k / rate). */
    public static BenchCase parse(String id) {
        String[] f = id.split(":");
        if (f.length != 4) throw new IllegalArgumentException("bad benchmark case '" + id + "'");
        double rate = Double.parseDouble(f[1]);
        int k = Integer.parseInt(f[2]);
        return new BenchCase(f[0], rate, Math.round(10 * k / rate) / 10.0, k, Integer.parseInt(f[3]));
    }

    /** "10 Hz" style label (3.33 for 10/3). */
    public String rateLabel() {
        return formatRate(rateHz);
    }

    public static String formatRate(double hz) {
        return Math.abs(hz - Math.rint(hz)) < 1e-9 ? String.valueOf((int) Math.rint(hz))
                : String.format(Locale.ROOT, "%.2f", hz);
    }

    /** Samples in a history of {@code historyS} seconds at {@code rateHz}: 4, 12, 36 for 1.2 s; 20, 60, 180 for 6 s. */
    public static int samples(double rateHz, double historyS) {
        return (int) Math.round(rateHz * historyS);
    }

    /** q values benchmarked: the published "few"/"many" hidden units (RTRL: 10 and 40, its grid; q = 180 RTRL is ~0.4 s/step). */
    public static int[] hiddenUnits(String learner) {
        return "rtrl".equals(learner) || RTRL_REVERSE.equals(learner) ? new int[] {10, 40} : new int[] {30, 180};
    }

    /**
     * The benchmark matrix. Full: every learner at 3.33/10/30 Hz × 1.2/6.0 s (× both q for the RNNs).
     * Quick: 10 and 30 Hz at 1.2 s only.
     */
    public static List<BenchCase> matrix(boolean quick) {
        double[] rates = quick ? new double[] {10.0, 30.0} : RATES;
        double[] hists = quick ? new double[] {1.2} : HISTORIES;
        List<BenchCase> out = new ArrayList<>();
        for (double h : hists) {
            for (double r : rates) {
                int k = samples(r, h);
                for (String l : RNNS) {
                    for (int q : hiddenUnits(l)) out.add(new BenchCase(l, r, h, k, q));
                }
                for (String l : LINEAR) out.add(new BenchCase(l, r, h, k, 0));
            }
        }
        return out;
    }
}
