package io.tidecast.jobs.reproduce;

/**
 * The published choice of hyperparameters for one (sequence, horizon, method) (reference §2.5): the argmin of the
 * mean validation nRMSE over runs, diverged (NaN) runs dropped from the mean, points with more diverged runs than the
 * least-diverging point disqualified, ties to the earliest point in grid order.
 */
final class GridSelection {
    private GridSelection() {}

    /** @param scores scores[point][run], NaN for a diverged run */
    static int select(double[][] scores) {
        int minDiverged = Integer.MAX_VALUE;
        for (double[] s : scores) minDiverged = Math.min(minDiverged, diverged(s));
        int best = -1;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int p = 0; p < scores.length; p++) {
            if (diverged(scores[p]) > minDiverged) continue;
            double m = mean(scores[p]);
            if (best < 0 || m < bestMean) { // strict: the first of equal scores stays
                best = p;
                bestMean = Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
            }
        }
        return best;
    }

    static int diverged(double[] runs) {
        int n = 0;
        for (double v : runs) if (!Double.isFinite(v)) n++;
        return n;
    }

    /** Mean over the finite values; NaN if there are none. */
    static double mean(double[] runs) {
        double s = 0;
        int n = 0;
        for (double v : runs) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
