package io.tidecast.records;

/**
 * Why a record was rejected, as a stable machine-readable code: the {@code code} field of a
 * {@code tidecast.rejects} record and the name of its counter ({@code rejects_<code>}). The free-text
 * {@code reason} beside it says exactly what was wrong with that record.
 */
public enum RejectCode {
    /** Not one UTF-8 JSON object: garbage bytes, a syntax error, an empty record, trailing data. */
    NOT_JSON("not-json"),
    /** A Kafka tombstone (no value). */
    TOMBSTONE("tombstone"),
    /** Larger than the configured record size limit. */
    OVERSIZED("oversized"),
    /** A required field (key, ts, values) is absent. */
    MISSING_FIELD("missing-field"),
    /** A known field appears twice. */
    DUPLICATE_FIELD("duplicate-field"),
    /** A field has the wrong JSON type (or is empty where a value is required). */
    WRONG_TYPE("wrong-type"),
    /** NaN, Infinity, or a literal that overflows a double. */
    NON_FINITE("non-finite"),
    /** A finite number larger in magnitude than the configured limit, or an integer beyond 64 bits. */
    OUT_OF_RANGE("out-of-range"),
    /** The values vector's length differs from the length this key started with. */
    VECTOR_LENGTH_CHANGED("vector-length-changed"),
    /** The same timestamp as the key's previous sample. */
    DUPLICATE_TIMESTAMP("duplicate-timestamp"),
    /** A timestamp before the key's previous sample. */
    OUT_OF_ORDER("out-of-order"),
    /** Behind the watermark: later than the configured out-of-orderness allows. */
    LATE("late"),
    /** So far ahead of the key's previous sample that it would drag the watermark (and every key's state) forward. */
    FUTURE_TIMESTAMP("future-timestamp"),
    /** A new key while the configured number of live keys is reached. */
    KEY_BUDGET_EXCEEDED("key-budget-exceeded"),
    /** Not a rejected input: a learner produced a non-finite forecast and was reset (the sample was used). */
    LEARNER_RESET("learner-reset");

    private final String code;

    RejectCode(String code) {
        this.code = code;
    }

    /** The code as written on the rejects topic, e.g. {@code not-json}. */
    public String code() {
        return code;
    }

    /** The counter name in the operator's metric group. */
    public String counterName() {
        return "rejects_" + code.replace('-', '_');
    }

    /**
     * The code a free-text reason most likely belongs to, for decoders written before codes existed. New code passes
     * its code explicitly; this is the fallback that keeps such decoders counted under a sensible code.
     */
    public static RejectCode classify(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("tombstone") || r.contains("no value")) return TOMBSTONE;
        if (r.contains("json") || r.contains("empty record") || r.contains("record is empty") || r.contains("unreadable")) return NOT_JSON;
        if (r.contains("missing")) return MISSING_FIELD;
        if (r.contains("twice") || r.contains("duplicate")) return DUPLICATE_FIELD;
        if (r.contains("finite") || r.contains("nan") || r.contains("overflow")) return NON_FINITE;
        if (r.contains("out of range") || r.contains("exceeds")) return OUT_OF_RANGE;
        return WRONG_TYPE;
    }

    public static RejectCode of(String code) {
        for (RejectCode c : values()) {
            if (c.code.equals(code)) return c;
        }
        throw new IllegalArgumentException("unknown reject code '" + code + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
