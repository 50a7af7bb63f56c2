package io.tidecast.records;

import java.util.Arrays;

/**
 * One record of the groupwise contract ({@code tidecast.groupwise.records}): per key (a data set or tenant), numeric
 * features (scaled by the job), indicator features (used as given, e.g. one-hot columns), the target, and the names of
 * the groups the record belongs to. The job predicts from everything but the target, then learns from the target.
 */
public final class GroupRecord {
    public String key;
    public long ts;
    public double[] features;
    public double[] indicators;
    public double target;
    public String[] groups;
    /** Where the record came from (may be null); not part of the JSON. */
    public RecordOrigin origin;

    public GroupRecord() {}

    public GroupRecord(String key, long ts, double[] features, double[] indicators, double target, String[] groups) {
        this.key = key;
        this.ts = ts;
        this.features = features;
        this.indicators = indicators;
        this.target = target;
        this.groups = groups;
    }

    @Override
    public String toString() {
        return "GroupRecord{" + key + "@" + ts + " x=" + Arrays.toString(features) + "+" + Arrays.toString(indicators) + " y=" + target
                + " groups=" + Arrays.toString(groups) + "}";
    }
}
