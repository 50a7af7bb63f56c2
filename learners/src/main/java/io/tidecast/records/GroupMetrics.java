package io.tidecast.records;

/**
 * Per key and group, the running account ({@code tidecast.groupwise.metrics}), all in squared target units: rounds in
 * the group, cumulative loss of ours (the paper's expected loss of the randomised choice, and of the emitted mixture)
 * and of the baseline, the least-squares SSE in hindsight on the group's subsequence, and both regrets against it.
 * {@code last} marks the final account of a bounded run.
 */
public final class GroupMetrics {
    public String key;
    public String group;
    public long count;
    public double ours;
    public double oursMixture;
    public double baseline;
    public double hindsight;
    public double regretOurs;
    public double regretBaseline;
    public boolean last;

    public GroupMetrics() {}

    public GroupMetrics(String key, String group, long count, double ours, double oursMixture, double baseline, double hindsight,
                        boolean last) {
        this.key = key;
        this.group = group;
        this.count = count;
        this.ours = ours;
        this.oursMixture = oursMixture;
        this.baseline = baseline;
        this.hindsight = hindsight;
        this.regretOurs = ours - hindsight;
        this.regretBaseline = baseline - hindsight;
        this.last = last;
    }

    @Override
    public String toString() {
        return "GroupMetrics{" + key + "/" + group + " n=" + count + " ours=" + ours + " base=" + baseline + " hind=" + hindsight + "}";
    }
}
