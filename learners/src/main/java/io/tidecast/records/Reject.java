package io.tidecast.records;

/** A record that could not be used, with the reason: the {@code tidecast.rejects} contract. */
public final class Reject {
    public String reason;
    public String topic;
    public int partition;
    public long offset;
    public String raw;

    public Reject() {}

    public Reject(String reason, String topic, int partition, long offset, String raw) {
        this.reason = reason;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.raw = raw;
    }

    public static Reject of(String reason, RecordOrigin origin, String raw) {
        return origin == null
                ? new Reject(reason, null, -1, -1, raw)
                : new Reject(reason, origin.topic, origin.partition, origin.offset, raw);
    }

    @Override
    public String toString() {
        return "Reject{" + reason + " at " + topic + "-" + partition + "@" + offset + ": " + raw + "}";
    }
}
