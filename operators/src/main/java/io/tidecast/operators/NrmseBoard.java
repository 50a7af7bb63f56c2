package io.tidecast.operators;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest nRMSE of every live key in a number of slots (model x horizon), with running sums so that the mean
 * over keys of a slot costs nothing to read. A value that is not finite (no error figure yet) does not count.
 */
final class NrmseBoard {
    private final Map<String, double[]> latest = new HashMap<>();
    private final double[] sum;
    private final int[] count;

    NrmseBoard(int slots) {
        sum = new double[slots];
        count = new int[slots];
    }

    void put(String key, int slot, double nrmse) {
        double[] row = latest.computeIfAbsent(key, k -> {
            double[] r = new double[sum.length];
            Arrays.fill(r, Double.NaN);
            return r;
        });
        remove(row, slot);
        row[slot] = nrmse;
        if (Double.isFinite(nrmse)) {
            sum[slot] += nrmse;
            count[slot]++;
        }
    }

    void forget(String key) {
        double[] row = latest.remove(key);
        if (row == null) return;
        for (int s = 0; s < row.length; s++) remove(row, s);
    }

    /** Mean over keys of the slot's latest values; NaN while no key has one. */
    double mean(int slot) {
        int n = count[slot];
        return n == 0 ? Double.NaN : sum[slot] / n;
    }

    int keys() {
        return latest.size();
    }

    private void remove(double[] row, int slot) {
        if (Double.isFinite(row[slot])) {
            sum[slot] -= row[slot];
            count[slot]--;
            if (count[slot] == 0) sum[slot] = 0; // no drift left behind once a slot is empty
        }
        row[slot] = Double.NaN;
    }
}
