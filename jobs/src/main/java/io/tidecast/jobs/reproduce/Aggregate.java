package io.tidecast.jobs.reproduce;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * How the published tables aggregate (reference §2.6): the arithmetic mean of the cell values over (sequence, horizon)
 * cells, every cell weighted equally whatever its length. Cells whose test runs all diverged are left out and counted.
 */
public record Aggregate(double[] values, int cells, int missingCells) {
    /** Sequences the authors' notebook calls regular (code N) and irregular (T, NO, LT); 7 stands alone. */
    public static final int[] REGULAR = {2, 5, 6, 8, 9};
    public static final int[] IRREGULAR = {1, 3, 4};

    public static Aggregate of(List<CellResult> cells) {
        return of(cells, s -> true);
    }

    public static Aggregate ofSequences(List<CellResult> cells, int[] sequences) {
        return of(cells, s -> Arrays.stream(sequences).anyMatch(x -> x == s));
    }

    static Aggregate of(List<CellResult> cells, IntPredicate sequence) {
        double[] sum = new double[RunMetrics.COUNT];
        int n = 0;
        int missing = 0;
        for (CellResult c : cells) {
            if (!sequence.test(c.sequence())) continue;
            if (Double.isNaN(c.nrmse())) {
                missing++;
                continue;
            }
            for (int m = 0; m < sum.length; m++) sum[m] += c.test()[m];
            n++;
        }
        for (int m = 0; m < sum.length; m++) sum[m] = n == 0 ? Double.NaN : sum[m] / n;
        return new Aggregate(sum, n, missing);
    }

    public double nrmse() { return values[0]; }
    public double rmse() { return values[1]; }
    public double mae() { return values[2]; }
    public double maxError() { return values[3]; }
    public double jitter() { return values[4]; }
    public double nanosPerStep() { return values[5]; }
}
