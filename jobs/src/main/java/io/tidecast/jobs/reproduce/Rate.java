package io.tidecast.jobs.reproduce;

import java.util.Arrays;

/**
 * The three sampling rates of the published benchmark with their 1-based inclusive splits (reference §2.1), horizons
 * (§2.4) and signal-history grids (§5.1). All splits are the same seconds at every rate, hence the ×3 pattern.
 */
public enum Rate {
    HZ_3_33("3.33", "3.33Hz", 100, 200, 180, range(1, 7, 1), new int[] {4, 8, 12, 16, 20}, new double[] {2e-4, 5e-4, 1e-3}),
    HZ_10("10", "10Hz", 300, 600, 540, range(1, 21, 1), new int[] {12, 24, 36, 48, 60}, new double[] {1e-4, 2e-4, 5e-4}),
    HZ_30("30", "30Hz", 900, 1800, 1620, range(3, 63, 3), new int[] {36, 72, 108, 144, 180}, new double[] {5e-5, 1e-4, 2e-4});

    public final String label;
    /** Suffix of the shipped files {@code seqN_<suffix>.csv}. */
    public final String fileSuffix;
    /** Last training sample (end of the first 30 s): online models are standardised on 1..trainEnd. */
    public final int trainEnd;
    /** Last validation sample (end of the first minute); the test window starts after it. */
    public final int validationEnd;
    /** Offline models (OLS) fit on pairs whose target time is at most this (54 s), and validate on the rest of the minute. */
    public final int offlineFitEnd;
    private final int[] horizons;
    private final int[] histories;
    private final double[] lmsEtas;

    Rate(String label, String fileSuffix, int trainEnd, int validationEnd, int offlineFitEnd, int[] horizons,
         int[] histories, double[] lmsEtas) {
        this.label = label;
        this.fileSuffix = fileSuffix;
        this.trainEnd = trainEnd;
        this.validationEnd = validationEnd;
        this.offlineFitEnd = offlineFitEnd;
        this.horizons = horizons;
        this.histories = histories;
        this.lmsEtas = lmsEtas;
    }

    public int[] horizons() {
        return horizons.clone();
    }

    /** SHL grid k in samples: 1.2, 2.4, 3.6, 4.8 and 6.0 s. */
    public int[] histories() {
        return histories.clone();
    }

    public double[] lmsEtas() {
        return lmsEtas.clone();
    }

    public static Rate parse(String s) {
        for (Rate r : values()) {
            if (r.label.equals(s) || r.fileSuffix.equalsIgnoreCase(s)) return r;
        }
        throw new IllegalArgumentException("unknown rate '" + s + "'; use one of 3.33, 10, 30");
    }

    private static int[] range(int from, int to, int step) {
        int[] out = new int[(to - from) / step + 1];
        for (int i = 0; i < out.length; i++) out[i] = from + i * step;
        return out;
    }

    @Override
    public String toString() {
        return label + " Hz (horizons " + Arrays.toString(horizons) + ")";
    }
}
