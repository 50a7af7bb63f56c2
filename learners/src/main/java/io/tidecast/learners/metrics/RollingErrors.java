package io.tidecast.learners.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Error figures since start and over a sliding window. The window is made of {@code panes} panes of equal
 * length in the stream's own steps: a pane's sums are merged on demand, so memory stays
 * O(panes·dim) however long the window, at the price of a window edge that moves a pane at a time.
 */
public final class RollingErrors {
    private final ErrorStats total;
    private final ErrorStats[] panes;
    private int current;
    private long paneIndex;

    public RollingErrors(PointLayout layout, int panes) {
        this(layout, panes, true);
    }

    /** Figures with or without the target moments ({@link ErrorStats#ErrorStats(PointLayout, boolean)}). */
    public RollingErrors(PointLayout layout, int panes, boolean targetMoments) {
        this(layout, panes, true, targetMoments);
    }

    /** Figures of the given parts; a moments-only window (no error sums) takes {@link #addTarget}. */
    public RollingErrors(PointLayout layout, int panes, boolean errorSums, boolean targetMoments) {
        if (panes < 1) throw new IllegalArgumentException("a window needs at least one pane");
        this.total = new ErrorStats(layout, errorSums, targetMoments);
        this.panes = new ErrorStats[panes];
        for (int i = 0; i < panes; i++) this.panes[i] = new ErrorStats(layout, errorSums, targetMoments);
    }

    /** A moments-only window: the target moments every model scored at one horizon shares. */
    public static RollingErrors targetsOnly(PointLayout layout, int panes) {
        return new RollingErrors(layout, panes, false, true);
    }

    private RollingErrors(ErrorStats total, ErrorStats[] panes, int current, long paneIndex) {
        this.total = total;
        this.panes = panes;
        this.current = current;
        this.paneIndex = paneIndex;
    }

    /** Counts one scored instant's target, in pane {@code pane}, in a moments-only window ({@link ErrorStats#addTarget}). */
    public void addTarget(long pane, double[] y) {
        advanceTo(pane);
        total.addTarget(y);
        panes[current].addTarget(y);
    }

    /** These figures split into the error sums (first) and a moments-only copy of the target moments (second). */
    public RollingErrors[] splitTargets() {
        ErrorStats[] sums = new ErrorStats[panes.length];
        ErrorStats[] targets = new ErrorStats[panes.length];
        for (int i = 0; i < panes.length; i++) {
            sums[i] = panes[i].withoutTargets();
            targets[i] = panes[i].targetsOnly();
        }
        return new RollingErrors[] {new RollingErrors(total.withoutTargets(), sums, current, paneIndex),
                new RollingErrors(total.targetsOnly(), targets, current, paneIndex)};
    }

    /** Scores one instant that belongs to pane number {@code pane} (non-decreasing across calls). */
    public void add(long pane, double[] y, double[] yhat, double[] previousYhat) {
        advanceTo(pane);
        ErrorStats.addToBoth(total, panes[current], y, yhat, previousYhat);
    }

    /** Moves the window so that it ends with pane {@code pane}, dropping panes that fall out. */
    public void advanceTo(long pane) {
        long steps = Math.min(pane - paneIndex, panes.length);
        for (long s = 0; s < steps; s++) {
            current = (current + 1) % panes.length;
            panes[current].reset();
        }
        if (pane > paneIndex) paneIndex = pane;
    }

    public ErrorStats total() {
        return total;
    }

    /** The window's figures (a fresh object: merge of the panes). */
    public ErrorStats window(PointLayout layout) {
        ErrorStats w = new ErrorStats(layout, total.hasTargetMoments());
        for (ErrorStats p : panes) w.merge(p);
        return w;
    }

    /** A deep copy. */
    public RollingErrors copy() {
        ErrorStats[] p = new ErrorStats[panes.length];
        for (int i = 0; i < p.length; i++) p[i] = panes[i].copy();
        return new RollingErrors(total.copy(), p, current, paneIndex);
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(current);
        out.writeLong(paneIndex);
        total.write(out);
        for (ErrorStats p : panes) p.write(out);
    }

    public void read(DataInput in) throws IOException {
        current = in.readInt();
        paneIndex = in.readLong();
        total.read(in);
        for (ErrorStats p : panes) p.read(in);
    }
}
