package io.tidecast.operators;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that one corrupt far-future timestamp cannot drag forward: a timestamp more
 * than {@code maxFutureMs} ahead of the newest accepted one moves the watermark only when the next such record
 * confirms the jump (a stream that really resumed after a pause). Without this, a single record dated in the year
 * 2100 would make every later record late and expire every key's state.
 */
public final class GuardedWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMs;
    private final long maxFutureMs;
    private long maxTs = Long.MIN_VALUE;
    private long suspect = Long.MIN_VALUE;

    public GuardedWatermarks(long outOfOrdernessMs, long maxFutureMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.maxFutureMs = maxFutureMs;
    }

    @Override
    public void onEvent(T record, long ts, WatermarkOutput output) {
        if (ts == Long.MIN_VALUE) return; // no usable event time: a record that will be rejected
        if (maxTs == Long.MIN_VALUE || maxFutureMs <= 0 || ts - maxTs <= maxFutureMs) {
            maxTs = Math.max(maxTs, ts);
        } else if (suspect != Long.MIN_VALUE && ts > suspect && ts - suspect <= maxFutureMs) {
            maxTs = ts;
            suspect = Long.MIN_VALUE;
        } else {
            suspect = ts;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTs != Long.MIN_VALUE) output.emitWatermark(new Watermark(maxTs - outOfOrdernessMs - 1));
    }
}
