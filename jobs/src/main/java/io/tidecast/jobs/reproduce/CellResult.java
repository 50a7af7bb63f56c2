package io.tidecast.jobs.reproduce;

/**
 * The outcome for one (sequence, horizon, method): the selected grid point, its mean validation nRMSE, and the test
 * metrics averaged over the test runs that did not diverge (time per step over all runs).
 */
public record CellResult(Method method, int sequence, int horizon, GridPoint chosen, double validationNrmse,
                         int validationDiverged, double[] test, int testRuns, int testDiverged) {

    static CellResult of(Method method, int sequence, int horizon, GridPoint chosen, double[] valScores, RunMetrics[] runs) {
        double[] mean = new double[RunMetrics.COUNT];
        for (int m = 0; m < RunMetrics.COUNT; m++) {
            double s = 0;
            int n = 0;
            for (RunMetrics r : runs) {
                boolean timing = m == RunMetrics.COUNT - 1;
                if (!timing && r.diverged()) continue;
                s += r.get(m);
                n++;
            }
            mean[m] = n == 0 ? Double.NaN : s / n;
        }
        int div = 0;
        for (RunMetrics r : runs) if (r.diverged()) div++;
        return new CellResult(method, sequence, horizon, chosen, GridSelection.mean(valScores),
                GridSelection.diverged(valScores), mean, runs.length, div);
    }

    public double nrmse() {
        return test[0];
    }
}
