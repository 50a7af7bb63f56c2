package io.tidecast.learners.groupwise;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Min-max scaling of the numeric features and the target to [0, 1], either with <b>declared</b> bounds (fixed; the
 * paper's look-ahead protocol declares the data set's own min and max) or with <b>running</b> bounds, causal: a
 * feature is scaled with the min and max of the values seen so far including the current one (features are known
 * when predicting), a prediction is unscaled with the target's bounds before its target arrives, and the learners
 * are trained on the target scaled with the bounds that include it. A column whose bounds coincide scales to 0.
 */
public final class MinMaxScaler {
    static final int STATE_VERSION = 1;

    private final boolean running;
    private final int n;
    /** lo/hi for the n features, then the target at index n. */
    private final double[] lo;
    private final double[] hi;
    private long targets;

    private MinMaxScaler(boolean running, int n, double[] lo, double[] hi, long targets) {
        this.running = running;
        this.n = n;
        this.lo = lo;
        this.hi = hi;
        this.targets = targets;
    }

    /** Causal scaling with running bounds over {@code numericFeatures} features and the target. */
    public static MinMaxScaler running(int numericFeatures) {
        double[] lo = new double[numericFeatures + 1];
        double[] hi = new double[numericFeatures + 1];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        return new MinMaxScaler(true, numericFeatures, lo, hi, 0);
    }

    /** Fixed, declared bounds: {@code featureLo/Hi} per numeric feature, and the target's. */
    public static MinMaxScaler declared(double[] featureLo, double[] featureHi, double targetLo, double targetHi) {
        int n = featureLo.length;
        if (featureHi.length != n) throw new IllegalArgumentException("feature bounds differ in length");
        double[] lo = Arrays.copyOf(featureLo, n + 1);
        double[] hi = Arrays.copyOf(featureHi, n + 1);
        lo[n] = targetLo;
        hi[n] = targetHi;
        for (int i = 0; i <= n; i++) {
            if (!(Double.isFinite(lo[i]) && Double.isFinite(hi[i]) && hi[i] >= lo[i])) {
                throw new IllegalArgumentException("declared bounds must be finite with hi >= lo, got [" + lo[i] + ", " + hi[i] + "]");
            }
        }
        return new MinMaxScaler(false, n, lo, hi, 0);
    }

    public boolean isRunning() {
        return running;
    }

    public int numericFeatures() {
        return n;
    }

    /** Scales the numeric features into {@code out[0..n)}; in running mode the bounds first take in {@code raw}. */
    public void scaleFeatures(double[] raw, double[] out) {
        for (int i = 0; i < n; i++) {
            if (running) widen(i, raw[i]);
            out[i] = scale(i, raw[i]);
        }
    }

    /** A prediction in scaled units back in target units, with the target bounds as they are now (before its target). */
    public double unscaleTarget(double scaled) {
        if (targets == 0 && running) return scaled;
        double r = hi[n] - lo[n];
        return lo[n] + scaled * (r > 0 ? r : 1);
    }

    /** Takes in an arrived target (running mode) and returns it scaled with the bounds that include it. */
    public double observeTarget(double y) {
        if (running) widen(n, y);
        targets++;
        return scale(n, y);
    }

    /** The target range the scaled losses are measured in (1 while no range is known). */
    public double targetRange() {
        double r = hi[n] - lo[n];
        return r > 0 && Double.isFinite(r) ? r : 1;
    }

    private void widen(int i, double v) {
        if (v < lo[i]) lo[i] = v;
        if (v > hi[i]) hi[i] = v;
    }

    private double scale(int i, double v) {
        double r = hi[i] - lo[i];
        return r > 0 ? (v - lo[i]) / r : v - lo[i];
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeBoolean(running);
        out.writeInt(n);
        for (double v : lo) out.writeDouble(v);
        for (double v : hi) out.writeDouble(v);
        out.writeLong(targets);
    }

    public static MinMaxScaler read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("scaler state version " + v + " is not supported");
        boolean running = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > 4096) throw new IOException("scaler state: corrupt size " + n);
        double[] lo = HindsightLeastSquares.readDoubles(in, n + 1);
        double[] hi = HindsightLeastSquares.readDoubles(in, n + 1);
        return new MinMaxScaler(running, n, lo, hi, in.readLong());
    }
}
