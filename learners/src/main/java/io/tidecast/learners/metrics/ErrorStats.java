package io.tidecast.learners.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Mergeable error sums of a forecaster over a set of scored instants, enough to give the published metrics
 * (respiratory-forecasting reference §3): MAE, RMSE and max of the per-point Euclidean error, nRMSE against
 * the set's own per-coordinate mean, and jitter (mean distance the forecast point moves between consecutive
 * forecasts). Target moments are kept with Welford/Chan updates so the nRMSE denominator stays accurate on
 * signals with large offsets (ExtMarker x is about −490 mm).
 *
 * <p>The target moments depend only on which instants were scored, so forecasters scored on the same instants (every
 * model at one horizon of a stream) can keep them once: a set made {@linkplain #ErrorStats(PointLayout, boolean)
 * without moments} keeps only the error sums, {@link #addTarget} keeps only the moments, and {@link #withTargets}
 * joins the two for the figures.
 */
public final class ErrorStats {
    private final PointLayout layout;
    private final boolean errorSums;
    private long count;
    private double sumSq;
    private double sumAbs;
    private double max;
    private double jitterSum;
    private long jitterPairs;
    /**
     * The target moments, per coordinate c the mean at {@code 2c} and M2 at {@code 2c + 1} (the order they are written
     * in), or null: one array, so that a scored instant touches one object for them, not two.
     */
    private final double[] moments;

    public ErrorStats(PointLayout layout) {
        this(layout, true);
    }

    /** A set with or without the target moments (without: its nRMSE is NaN until joined by {@link #withTargets}). */
    public ErrorStats(PointLayout layout, boolean targetMoments) {
        this(layout, true, targetMoments);
    }

    /** @param errorSums false for a moments-only set ({@link #addTarget}), which neither keeps nor writes error sums */
    public ErrorStats(PointLayout layout, boolean errorSums, boolean targetMoments) {
        this.layout = layout;
        this.errorSums = errorSums;
        this.moments = targetMoments ? new double[2 * layout.dim()] : null;
    }

    /** Whether this set keeps the target moments. */
    public boolean hasTargetMoments() {
        return moments != null;
    }

    /** Counts one scored instant's target in the moments only (a moments-only set: its error sums stay 0). */
    public void addTarget(double[] y) {
        if (errorSums) throw new IllegalStateException("addTarget is for a moments-only set");
        count++;
        moments(y);
    }

    /** A fresh set: this set's error sums with the target moments of {@code targets}, which scored the same instants. */
    public ErrorStats withTargets(ErrorStats targets) {
        if (targets.count != count) {
            throw new IllegalStateException("target moments of " + targets.count + " instants for errors of " + count);
        }
        ErrorStats j = copyErrorSums(new ErrorStats(layout, true));
        System.arraycopy(targets.moments, 0, j.moments, 0, j.moments.length);
        return j;
    }

    /** This set without its target moments (the moments go to a {@link #targetsOnly} set). */
    public ErrorStats withoutTargets() {
        return copyErrorSums(new ErrorStats(layout, false));
    }

    private ErrorStats copyErrorSums(ErrorStats j) {
        j.count = count;
        j.sumSq = sumSq;
        j.sumAbs = sumAbs;
        j.max = max;
        j.jitterSum = jitterSum;
        j.jitterPairs = jitterPairs;
        return j;
    }

    /** A moments-only set with this set's count and target moments. */
    public ErrorStats targetsOnly() {
        ErrorStats j = new ErrorStats(layout, false, true);
        j.count = count;
        System.arraycopy(moments, 0, j.moments, 0, moments.length);
        return j;
    }

    /**
     * Scores one instant: target {@code y}, forecast {@code yhat}, and the forecast made for the previous
     * instant ({@code null} when there was none), for jitter.
     */
    public void add(double[] y, double[] yhat, double[] previousYhat) {
        int p = layout.points;
        for (int i = 0; i < p; i++) {
            double d = layout.distance(y, yhat, i);
            sumSq += d * d;
            sumAbs += d;
            if (d > max) max = d;
        }
        if (previousYhat != null) {
            for (int i = 0; i < p; i++) jitterSum += layout.distance(yhat, previousYhat, i);
            jitterPairs++;
        }
        count++;
        if (moments != null) moments(y);
    }

    /**
     * Scores one instant in two sets at once, {@code a} then {@code b} (a window's total and its current pane): each
     * point's distance and jitter distance is computed once and added to both, in the order {@link #add} adds them, so
     * both sets end with the same doubles as two {@link #add} calls, at half the square roots.
     */
    public static void addToBoth(ErrorStats a, ErrorStats b, double[] y, double[] yhat, double[] previousYhat) {
        PointLayout layout = a.layout;
        int p = layout.points;
        for (int i = 0; i < p; i++) {
            double d = layout.distance(y, yhat, i);
            a.sumSq += d * d;
            a.sumAbs += d;
            if (d > a.max) a.max = d;
            b.sumSq += d * d;
            b.sumAbs += d;
            if (d > b.max) b.max = d;
        }
        if (previousYhat != null) {
            for (int i = 0; i < p; i++) {
                double d = layout.distance(yhat, previousYhat, i);
                a.jitterSum += d;
                b.jitterSum += d;
            }
            a.jitterPairs++;
            b.jitterPairs++;
        }
        a.count++;
        b.count++;
        if (a.moments != null) a.moments(y);
        if (b.moments != null) b.moments(y);
    }

    private void moments(double[] y) {
        double[] mm = moments;
        for (int c = 0, i = 0; i < mm.length; c++, i += 2) {
            double delta = y[c] - mm[i];
            mm[i] += delta / count;
            mm[i + 1] += delta * (y[c] - mm[i]);
        }
    }

    /** Adds another set's sums to this one (Chan et al.'s pairwise combination for the moments). */
    public void merge(ErrorStats o) {
        if (o.count == 0) return;
        long n = count + o.count;
        for (int i = 0; moments != null && i < moments.length; i += 2) {
            double delta = o.moments[i] - moments[i];
            moments[i] += delta * o.count / n;
            moments[i + 1] += o.moments[i + 1] + delta * delta * ((double) count * o.count / n);
        }
        count = n;
        sumSq += o.sumSq;
        sumAbs += o.sumAbs;
        max = Math.max(max, o.max);
        jitterSum += o.jitterSum;
        jitterPairs += o.jitterPairs;
    }

    public void reset() {
        count = 0;
        sumSq = sumAbs = max = jitterSum = 0;
        jitterPairs = 0;
        if (moments != null) Arrays.fill(moments, 0);
    }

    public long count() {
        return count;
    }

    public double mae() {
        return count == 0 ? Double.NaN : sumAbs / (count * (double) layout.points);
    }

    public double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSq / (count * (double) layout.points));
    }

    /** RMSE relative to a forecaster that always says the set's mean; NaN while the targets have not varied. */
    public double nrmse() {
        if (moments == null) return Double.NaN;
        double den = 0;
        for (int i = 1; i < moments.length; i += 2) den += moments[i];
        return count == 0 || den <= 0 ? Double.NaN : Math.sqrt(sumSq / den);
    }

    public double maxError() {
        return count == 0 ? Double.NaN : max;
    }

    public double jitter() {
        return jitterPairs == 0 ? Double.NaN : jitterSum / (jitterPairs * (double) layout.points);
    }

    /** A deep copy. */
    public ErrorStats copy() {
        ErrorStats c = new ErrorStats(layout, errorSums, moments != null);
        c.count = count;
        c.sumSq = sumSq;
        c.sumAbs = sumAbs;
        c.max = max;
        c.jitterSum = jitterSum;
        c.jitterPairs = jitterPairs;
        if (moments != null) System.arraycopy(moments, 0, c.moments, 0, moments.length);
        return c;
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        if (errorSums) {
            out.writeDouble(sumSq);
            out.writeDouble(sumAbs);
            out.writeDouble(max);
            out.writeDouble(jitterSum);
            out.writeLong(jitterPairs);
        }
        for (int i = 0; moments != null && i < moments.length; i++) {
            out.writeDouble(moments[i]);
        }
    }

    public void read(DataInput in) throws IOException {
        count = in.readLong();
        if (errorSums) {
            sumSq = in.readDouble();
            sumAbs = in.readDouble();
            max = in.readDouble();
            jitterSum = in.readDouble();
            jitterPairs = in.readLong();
        }
        for (int i = 0; moments != null && i < moments.length; i++) {
            moments[i] = in.readDouble();
        }
    }
}
