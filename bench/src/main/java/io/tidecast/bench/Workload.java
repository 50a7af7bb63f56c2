package io.tidecast.bench;

/**
 * Realistic standardised inputs: a 9-channel quasi-periodic breathing-like series (each channel a sum of a
 * fundamental near 0.25 Hz and its harmonic with its own phase, plus slow drift, scaled to roughly unit variance),
 * cut into the learners' window inputs {@code [1; s_{t−k+1}; …; s_t]} (time-major, oldest first) with target
 * {@code s_{t+1}}. A pool of consecutive windows is pre-built so the measured loop only indexes arrays.
 */
public final class Workload {
    private Workload() {}

    /** Sample t (at {@code rateHz}) of channel c. */
    public static double signal(int c, long t, double rateHz) {
        double time = t / rateHz;
        double f = 0.25 + 0.01 * c;
        double ph = 0.7 * c;
        double s = Math.sin(2 * Math.PI * f * time + ph) + 0.3 * Math.sin(4 * Math.PI * f * time + 2 * ph)
                + 0.1 * Math.sin(2 * Math.PI * 0.013 * time + c);
        return s * 1.35; // ≈ unit variance
    }

    /** {@code pool} consecutive window inputs (length 1 + d·k) for d channels. */
    public static double[][] inputs(int pool, int d, int k, double rateHz) {
        double[][] xs = new double[pool][1 + d * k];
        for (int n = 0; n < pool; n++) {
            xs[n][0] = 1.0;
            for (int l = 0; l < k; l++) {
                for (int c = 0; c < d; c++) xs[n][1 + l * d + c] = signal(c, n + l, rateHz);
            }
        }
        return xs;
    }

    /** The targets s_{t+1} matching {@link #inputs}. */
    public static double[][] targets(int pool, int d, int k, double rateHz) {
        double[][] ys = new double[pool][d];
        for (int n = 0; n < pool; n++) {
            for (int c = 0; c < d; c++) ys[n][c] = signal(c, n + k, rateHz);
        }
        return ys;
    }
}
