package io.tidecast.operators;

import io.tidecast.records.InputLimits;
import io.tidecast.records.RejectCode;
import io.tidecast.records.Sample;

/** Whether a decoded sample fits its key's stream; a misfit says why, with its reject code. */
final class SampleChecks {
    private SampleChecks() {}

    record Misfit(RejectCode code, String reason) {}

    /** Behind the watermark: its key's state may already have expired on event time, so it cannot be placed. */
    static Misfit late(Sample s, long watermark) {
        return watermark != Long.MIN_VALUE && s.ts < watermark
                ? new Misfit(RejectCode.LATE, "timestamp " + s.ts + " is behind the watermark " + watermark
                        + " by more than the allowed out-of-orderness (job.maxOutOfOrdernessMs)")
                : null;
    }

    /**
     * A sample of a key that has state. A timestamp far ahead of the key's previous one is taken only once a
     * second sample confirms the jump ({@code suspectTs}: the last far-ahead timestamp rejected for this key), so
     * one corrupt timestamp cannot throw the key (and, through the watermark, every key) into the future.
     */
    static Misfit misfit(KeyState st, Sample s, InputLimits limits, Long suspectTs) {
        if (s.values.length != st.dim) {
            return new Misfit(RejectCode.VECTOR_LENGTH_CHANGED,
                    "vector length " + s.values.length + " differs from this key's length " + st.dim);
        }
        if (st.samples > 0 && s.ts == st.lastTs) {
            return new Misfit(RejectCode.DUPLICATE_TIMESTAMP, "timestamp " + s.ts + " repeats the key's previous timestamp");
        }
        if (st.samples > 0 && s.ts < st.lastTs) {
            return new Misfit(RejectCode.OUT_OF_ORDER, "timestamp " + s.ts + " is not after the key's previous timestamp " + st.lastTs);
        }
        if (st.samples > 0 && limits.maxFutureMs > 0 && s.ts - st.lastTs > limits.maxFutureMs && !confirms(s.ts, suspectTs, limits)) {
            return new Misfit(RejectCode.FUTURE_TIMESTAMP, "timestamp " + s.ts + " is " + (s.ts - st.lastTs)
                    + " ms after the key's previous one, more than job.maxFutureMs (" + limits.maxFutureMs
                    + "); a second sample near it confirms the jump");
        }
        for (double v : s.values) {
            if (!Double.isFinite(v)) return new Misfit(RejectCode.NON_FINITE, "non-finite value in values");
        }
        return null;
    }

    private static boolean confirms(long ts, Long suspectTs, InputLimits limits) {
        return suspectTs != null && ts > suspectTs && ts - suspectTs <= limits.maxFutureMs;
    }
}
