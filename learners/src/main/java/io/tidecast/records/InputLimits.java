package io.tidecast.records;

import java.io.Serializable;

/**
 * Limits on what the job accepts from the samples topic, beyond the contract's syntax: each record past a limit
 * is rejected with its own {@link RejectCode} instead of costing memory, poisoning a learner or dragging the
 * watermark. Zero or a negative value switches a limit off.
 */
public final class InputLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Records longer than this many bytes are rejected as {@code oversized}. */
    public final int maxRecordBytes;
    /** Values (and context) larger in magnitude are rejected as {@code out-of-range}: their squares would overflow. */
    public final double maxAbsValue;
    /** A sample further ahead of its key's previous one (event time, ms) is rejected as {@code future-timestamp}. */
    public final long maxFutureMs;
    /** Live keys the job keeps state for; a new key beyond it is rejected as {@code key-budget-exceeded}. */
    public final long maxKeys;

    public InputLimits(int maxRecordBytes, double maxAbsValue, long maxFutureMs, long maxKeys) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxAbsValue = maxAbsValue;
        this.maxFutureMs = maxFutureMs;
        this.maxKeys = maxKeys;
    }

    /** The defaults of {@code tidecast-defaults.yaml}. */
    public static InputLimits defaults() {
        return new InputLimits(65_536, 1e12, 86_400_000L, 0);
    }

    /** No limit at all (tests of the plain contract). */
    public static InputLimits none() {
        return new InputLimits(0, 0, 0, 0);
    }
}
