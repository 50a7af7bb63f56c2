package io.tidecast.learners.groupwise;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One group's account, in target units: rounds, cumulative squared loss of ours (the paper's expected loss of the
 * randomised choice, and the loss of the deterministic mixture we emit) and of the baseline, and the hindsight
 * least-squares comparator on the group's subsequence (over the raw features as given).
 */
public final class GroupLedger {
    static final int STATE_VERSION = 1;

    private long count;
    private double ours;
    private double oursMixture;
    private double baseline;
    private final HindsightLeastSquares hindsight;

    public GroupLedger(int features) {
        this(0, 0, 0, 0, new HindsightLeastSquares(features));
    }

    private GroupLedger(long count, double ours, double oursMixture, double baseline, HindsightLeastSquares hindsight) {
        this.count = count;
        this.ours = ours;
        this.oursMixture = oursMixture;
        this.baseline = baseline;
        this.hindsight = hindsight;
    }

    public void add(double[] rawFeatures, double y, double oursLoss, double mixtureLoss, double baselineLoss) {
        count++;
        ours += oursLoss;
        oursMixture += mixtureLoss;
        baseline += baselineLoss;
        hindsight.add(rawFeatures, y);
    }

    public long count() {
        return count;
    }

    public double ours() {
        return ours;
    }

    public double oursMixture() {
        return oursMixture;
    }

    public double baseline() {
        return baseline;
    }

    /** Hindsight SSE over the whole subsequence, or (paper) without its last row. */
    public double hindsightSse(boolean withoutLast) {
        return withoutLast ? hindsight.sseWithoutLast() : hindsight.sse();
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeLong(count);
        out.writeDouble(ours);
        out.writeDouble(oursMixture);
        out.writeDouble(baseline);
        hindsight.write(out);
    }

    public static GroupLedger read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("group ledger state version " + v + " is not supported");
        return new GroupLedger(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), HindsightLeastSquares.read(in));
    }
}
