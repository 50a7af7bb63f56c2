package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.SampleCodec;
import org.apache.flink.api.common.eventtime.TimestampAssigner;

/**
 * Event time of a raw sample record, read at the source so that Kafka's per-partition watermarks apply: a record is
 * then late only against its own partition's progress, not against whichever other partition the same source
 * instance happened to read ahead. A record without a usable {@code ts} gets no event time ({@code Long.MIN_VALUE}):
 * it is rejected downstream and moves no watermark.
 */
public final class RawRecordTimestamps implements TimestampAssigner<RawRecord> {
    private final SampleCodec codec = new SampleCodec();

    @Override
    public long extractTimestamp(RawRecord r, long recordTimestamp) {
        return codec.peekTimestamp(r.value);
    }
}
