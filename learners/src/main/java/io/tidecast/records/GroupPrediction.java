package io.tidecast.records;

/**
 * The groupwise job's per-record output ({@code tidecast.groupwise.predictions}): the prediction made before the
 * target was used (ours: the AdaNormalHedge mixture of the awake group oracles; and the baseline's), in target units,
 * with the target that then arrived.
 */
public final class GroupPrediction {
    public String key;
    public long ts;
    public double prediction;
    public double baseline;
    public double target;
    public String[] groups;

    public GroupPrediction() {}

    public GroupPrediction(String key, long ts, double prediction, double baseline, double target, String[] groups) {
        this.key = key;
        this.ts = ts;
        this.prediction = prediction;
        this.baseline = baseline;
        this.target = target;
        this.groups = groups;
    }
}
