package io.tidecast.jobs.reproduce;

/**
 * Per-coordinate z-scoring with the mean and <b>population</b> standard deviation of samples 1..n (reference §2.2),
 * applied to inputs and targets alike; forecasts are mapped back to mm before scoring. The identity scaling serves
 * OLS, which works in raw mm.
 */
public final class Scaling {
    private final double[] mean;
    private final double[] std;

    private Scaling(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    public static Scaling identity() {
        double[] one = new double[MarkerSeries.DIM];
        java.util.Arrays.fill(one, 1.0);
        return new Scaling(new double[MarkerSeries.DIM], one);
    }

    /** Statistics of samples 1..n of the series. */
    public static Scaling fit(MarkerSeries s, int n) {
        int d = MarkerSeries.DIM;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int c = 0; c < d; c++) {
            double sum = 0;
            for (int t = 1; t <= n; t++) sum += s.at(t, c);
            double m = sum / n;
            double ss = 0;
            for (int t = 1; t <= n; t++) {
                double e = s.at(t, c) - m;
                ss += e * e;
            }
            mean[c] = m;
            double sd = Math.sqrt(ss / n);
            std[c] = sd > 0 ? sd : 1.0; // a coordinate that never moved in training: leave it unscaled rather than divide by 0
        }
        return new Scaling(mean, std);
    }

    /** The whole series in model units, time-major. */
    public double[] apply(MarkerSeries s) {
        double[] raw = s.flat();
        double[] out = new double[raw.length];
        int d = MarkerSeries.DIM;
        for (int i = 0; i < raw.length; i++) out[i] = (raw[i] - mean[i % d]) / std[i % d];
        return out;
    }

    /** Model units back to mm, in place. */
    public void invert(double[] v) {
        for (int c = 0; c < v.length; c++) v[c] = v[c] * std[c] + mean[c];
    }

    public double mean(int c) {
        return mean[c];
    }

    public double std(int c) {
        return std[c];
    }
}
