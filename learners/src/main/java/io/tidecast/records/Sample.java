package io.tidecast.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One instant of one stream: the {@code tidecast.samples} contract. A public-field POJO so that Flink
 * serialises it with its POJO serializer (no Kryo fallback).
 */
public final class Sample {
    public String key;
    /** Event time, epoch milliseconds. */
    public long ts;
    public double[] values;
    /** Optional group memberships (groupwise learners); null when absent. */
    public String[] groups;
    /** Optional context vector (contextual bandits); null when absent. */
    public double[] context;
    /** Where the record came from, so that a record rejected downstream can still be traced. */
    public RecordOrigin origin;

    public Sample() {}

    public Sample(String key, long ts, double[] values) {
        this.key = key;
        this.ts = ts;
        this.values = values;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sample)) return false;
        Sample s = (Sample) o;
        return ts == s.ts && Objects.equals(key, s.key) && Arrays.equals(values, s.values)
                && Arrays.equals(groups, s.groups) && Arrays.equals(context, s.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, ts) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Sample{" + key + "@" + ts + " " + Arrays.toString(values) + "}";
    }
}
