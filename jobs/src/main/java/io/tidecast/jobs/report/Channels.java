package io.tidecast.jobs.report;

import java.util.List;

/** Which value of a vector stream to plot: the one that varies most (breathing moves mostly along one axis). */
final class Channels {
    private Channels() {}

    static int mostMoving(List<double[]> rows) {
        if (rows.isEmpty()) return 0;
        int dims = rows.get(0).length;
        int best = 0;
        double bestVar = -1;
        for (int c = 0; c < dims; c++) {
            double mean = 0, m2 = 0;
            int n = 0;
            for (double[] r : rows) {
                if (c >= r.length || !Double.isFinite(r[c])) continue;
                n++;
                double d = r[c] - mean;
                mean += d / n;
                m2 += d * (r[c] - mean);
            }
            if (n > 1 && m2 / n > bestVar) {
                bestVar = m2 / n;
                best = c;
            }
        }
        return best;
    }
}
