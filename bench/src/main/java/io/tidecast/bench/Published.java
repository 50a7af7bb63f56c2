package io.tidecast.bench;

import java.util.Map;

/**
 * Published per-step computation times of P25 (Pohl et al. 2025), §6.2 of the reproduction spec (MATLAB, tic/toc per
 * step; RTRL on a GPU via gpuArray; CPU reported as an Intel Core i7-13700). Three tables:
 * per-rate averages (ms), the mean at the smallest/largest signal history (1.2 s / 6.0 s) and the mean at the
 * fewest/most hidden units (q = 10/40 for RTRL, 30/180 for the others), the latter two in seconds.
 *
 * <p>The figure compared with a configuration is the closest one: for an RNN at a published "few"/"many" q, the
 * hidden-unit table (exact rate and q, averaged over histories; cost scales with q(q+m), so q matters most);
 * otherwise, and for LMS and OLS, the history table (exact rate and history); failing that the per-rate average.
 * NLMS, RLS and ridge were not in P25 and have no published figure.
 */
public final class Published {
    private Published() {}

    /** A published time and where it comes from. */
    public record Figure(double ms, String source) {}

    // index 0, 1, 2 = 3.33, 10, 30 Hz
    private static final Map<String, double[]> PER_RATE_MS = Map.of(
            "rtrl", new double[] {1.374, 10.113, 34.002},
            "uoro", new double[] {0.2237, 2.046, 11.591},
            "snap1", new double[] {0.1467, 1.520, 9.686},
            "dni", new double[] {0.1459, 1.041, 6.830},
            "lms", new double[] {5.425e-3, 1.440e-2, 3.274e-2},
            "ols", new double[] {7.020e-4, 2.978e-3, 1.166e-2});

    private static final Map<String, double[]> SHL12_S = Map.of(
            "rtrl", new double[] {2.983e-4, 2.328e-3, 1.051e-2},
            "uoro", new double[] {1.598e-4, 3.783e-4, 1.778e-3},
            "snap1", new double[] {9.889e-5, 2.371e-4, 1.239e-3},
            "dni", new double[] {1.186e-4, 2.300e-4, 8.506e-4},
            "lms", new double[] {3.833e-6, 7.026e-6, 1.387e-5},
            "ols", new double[] {4.406e-7, 7.041e-7, 2.617e-6});

    private static final Map<String, double[]> SHL60_S = Map.of(
            "rtrl", new double[] {2.509e-3, 1.750e-2, 5.678e-2},
            "uoro", new double[] {2.809e-4, 4.329e-3, 2.214e-2},
            "snap1", new double[] {1.904e-4, 3.406e-3, 1.869e-2},
            "dni", new double[] {1.739e-4, 2.385e-3, 1.336e-2},
            "lms", new double[] {7.020e-6, 2.298e-5, 5.029e-5},
            "ols", new double[] {1.042e-6, 5.101e-6, 2.413e-5});

    private static final Map<String, double[]> FEW_S = Map.of(
            "rtrl", new double[] {2.241e-4, 6.679e-4, 3.172e-3},
            "uoro", new double[] {5.594e-5, 1.295e-4, 5.220e-4},
            "snap1", new double[] {4.544e-5, 9.735e-5, 3.697e-4},
            "dni", new double[] {4.099e-5, 7.290e-5, 2.121e-4});

    private static final Map<String, double[]> MANY_S = Map.of(
            "rtrl", new double[] {3.361e-3, 2.341e-2, 7.135e-2},
            "uoro", new double[] {4.631e-4, 6.030e-3, 2.599e-2},
            "snap1", new double[] {2.871e-4, 4.629e-3, 2.200e-2},
            "dni", new double[] {3.041e-4, 3.511e-3, 1.632e-2});

    static int rateIndex(double hz) {
        if (Math.abs(hz - 10.0 / 3.0) < 0.01) return 0;
        if (Math.abs(hz - 10.0) < 1e-6) return 1;
        if (Math.abs(hz - 30.0) < 1e-6) return 2;
        return -1;
    }

    static int fewQ(String learner) {
        return "rtrl".equals(learner) ? 10 : 30;
    }

    static int manyQ(String learner) {
        return "rtrl".equals(learner) ? 40 : 180;
    }

    /** The closest published figure for {@code c}, or null if there is none. */
    public static Figure closest(BenchCase c) {
        int r = rateIndex(c.rateHz());
        if (r < 0) return null;
        String l = c.publishedLearner();
        String rate = BenchCase.formatRate(c.rateHz()) + " Hz";
        if (c.rnn()) {
            if (c.q() == fewQ(l)) return new Figure(1e3 * FEW_S.get(l)[r], "§6.2 hidden units: few q=" + c.q() + ", " + rate);
            if (c.q() == manyQ(l)) return new Figure(1e3 * MANY_S.get(l)[r], "§6.2 hidden units: many q=" + c.q() + ", " + rate);
        }
        Figure shl = byHistory(c);
        if (shl != null) return shl;
        double[] pr = PER_RATE_MS.get(l);
        return pr == null ? null : new Figure(pr[r], "§6.2 per-rate mean, " + rate);
    }

    /** The history-table figure (exact rate and 1.2 s / 6.0 s history), or null. */
    public static Figure byHistory(BenchCase c) {
        int r = rateIndex(c.rateHz());
        if (r < 0) return null;
        String rate = BenchCase.formatRate(c.rateHz()) + " Hz";
        String l = c.publishedLearner();
        if (Math.abs(c.historyS() - 1.2) < 1e-6 && SHL12_S.containsKey(l)) {
            return new Figure(1e3 * SHL12_S.get(l)[r], "§6.2 SHL 1.2 s, " + rate);
        }
        if (Math.abs(c.historyS() - 6.0) < 1e-6 && SHL60_S.containsKey(l)) {
            return new Figure(1e3 * SHL60_S.get(l)[r], "§6.2 SHL 6.0 s, " + rate);
        }
        return null;
    }
}
