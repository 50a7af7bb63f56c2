package io.tidecast.learners.policy;

import io.tidecast.learners.BulkDoubles;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/** Shared serialization, validation and numeric helpers of the policy package. */
final class PolicyIO {
    /** Largest magnitude kept in a cumulative (importance-weighted) sum, so differences of two stay finite. */
    static final double CAP = 1e300;

    private PolicyIO() {}

    static RestorableUniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    static void writeRng(DataOutput out, RestorableUniformRandomProvider rng) throws IOException {
        byte[] b = ((RandomProviderDefaultState) rng.saveState()).getState();
        out.writeInt(b.length);
        out.write(b);
    }

    static RestorableUniformRandomProvider readRng(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 16) throw new IOException("corrupt random state length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        RestorableUniformRandomProvider rng = rng(0L);
        rng.restoreState(new RandomProviderDefaultState(b));
        return rng;
    }

    static void writeDoubles(DataOutput out, double[] a) throws IOException {
        BulkDoubles.write(out, a);
    }

    static double[] readDoubles(DataInput in, int n) throws IOException {
        return BulkDoubles.read(in, n);
    }

    static void writeLongs(DataOutput out, long[] a) throws IOException {
        for (long v : a) out.writeLong(v);
    }

    static long[] readLongs(DataInput in, int n) throws IOException {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = in.readLong();
        return a;
    }

    static int readVersion(DataInput in, String kind, int newest) throws IOException {
        int v = in.readInt();
        if (v < 1 || v > newest) {
            throw new IOException("'" + kind + "' state version " + v + " is not supported (this release reads 1.." + newest + ")");
        }
        return v;
    }

    static int readSize(DataInput in, String kind, int max) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > max) throw new IOException("'" + kind + "' state: corrupt size " + n);
        return n;
    }

    static void checkBandit(String kind, int n, int arm, double cost, double probability) {
        if (arm < 0 || arm >= n) throw new IllegalArgumentException(kind + ": arm " + arm + " out of range [0, " + n + ")");
        if (!Double.isFinite(cost)) throw new IllegalArgumentException(kind + ": cost must be finite, got " + cost);
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException(kind + ": probability must be in (0, 1], got " + probability);
        }
    }

    static void checkLength(String kind, String what, double[] a, int n) {
        if (a == null || a.length < n) {
            throw new IllegalArgumentException(kind + ": " + what + " needs length >= " + n + ", got " + (a == null ? "null" : a.length));
        }
    }

    static double clamp(double v) {
        return v > CAP ? CAP : v < -CAP ? -CAP : v;
    }

    /**
     * Softmax of {@code score} over the entries with {@code mask[i]} (null = all): {@code out_i ∝ exp(score_i - max)}
     * (log-sum-exp shift, so nothing overflows); masked-out entries get 0. Entries with score -Infinity get 0.
     * If no entry is selected, {@code out} is uniform over all; if all selected scores are -Infinity (or NaN),
     * uniform over the selected.
     */
    static void softmax(double[] score, boolean[] mask, int n, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        int awake = 0;
        for (int i = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                awake++;
                if (score[i] > max) max = score[i];
            }
        }
        if (awake == 0) {
            java.util.Arrays.fill(out, 0, n, 1.0 / n);
            return;
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            double u = 1.0 / awake;
            // all -inf: uniform over awake; some +inf (cannot happen for finite states): uniform over those
            int top = 0;
            for (int i = 0; i < n; i++) if ((mask == null || mask[i]) && score[i] == max) top++;
            for (int i = 0; i < n; i++) {
                boolean on = mask == null || mask[i];
                out[i] = !on ? 0 : max == Double.NEGATIVE_INFINITY ? u : score[i] == max ? 1.0 / top : 0;
            }
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = (mask == null || mask[i]) && score[i] > Double.NEGATIVE_INFINITY ? Math.exp(score[i] - max) : 0;
            out[i] = v;
            sum += v;
        }
        double inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
        for (int i = 0; i < n; i++) out[i] *= inv;
    }

    /** Index {@code i} with {@code sum_{j<i} p_j <= u < sum_{j<=i} p_j}; the last arm with p > 0 if u is past the total. */
    static int draw(double[] p, int n, double u) {
        double c = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0) {
                c += p[i];
                last = i;
                if (u < c) return i;
            }
        }
        return last;
    }

    /** Minimum of a[off..off+n). */
    static double min(double[] a, int off, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = off; i < off + n; i++) if (a[i] < m) m = a[i];
        return m;
    }
}
