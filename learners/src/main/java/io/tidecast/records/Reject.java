package io.tidecast.records;

/** A record that could not be used, with the reason: the {@code tidecast.rejects} contract. */
public final class Reject {
    /** The kind of problem, one of {@link RejectCode}'s codes (e.g. {@code not-json}). */
    public String code;
    /** What exactly was wrong with this record. */
    public String reason;
    public String topic;
    public int partition;
    public long offset;
    public String raw;

    public Reject() {}

    public Reject(RejectCode code, String reason, String topic, int partition, long offset, String raw) {
        this.code = code == null ? null : code.code();
        this.reason = reason;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.raw = raw;
    }

    /** A reject whose code is {@link RejectCode#classify classified} from its reason (prefer passing the code). */
    public static Reject of(String reason, RecordOrigin origin, String raw) {
        return of(RejectCode.classify(reason), reason, origin, raw);
    }

    public static Reject of(RejectCode code, String reason, RecordOrigin origin, String raw) {
        return origin == null
                ? new Reject(code, reason, null, -1, -1, raw)
                : new Reject(code, reason, origin.topic, origin.partition, origin.offset, raw);
    }

    @Override
    public String toString() {
        return "Reject{" + code + ": " + reason + " at " + topic + "-" + partition + "@" + offset + ": " + raw + "}";
    }
}
