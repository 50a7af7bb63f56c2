package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw sample records; one that cannot be decoded goes to {@link #REJECTS} with the reason. */
public final class DecodeSamples extends ProcessFunction<RawRecord, Sample> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decode-rejects", TypeInformation.of(Reject.class));
    /** Rejects keep at most this much of the raw record, so a huge bad record cannot become a huge reject. */
    static final int MAX_RAW_CHARS = 4096;

    private transient SampleCodec codec;

    @Override
    public void open(OpenContext openContext) {
        codec = new SampleCodec();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<Sample> out) {
        RecordOrigin origin = new RecordOrigin(r.topic, r.partition, r.offset);
        try {
            if (r.value == null) throw new RejectedRecordException("record has no value (tombstone)");
            out.collect(codec.decode(r.value, origin));
        } catch (RejectedRecordException e) {
            ctx.output(REJECTS, Reject.of(e.getMessage(), origin, rawText(r.value)));
        }
    }

    static String rawText(byte[] value) {
        if (value == null) return null;
        String s = new String(value, 0, Math.min(value.length, MAX_RAW_CHARS * 4), StandardCharsets.UTF_8);
        return s.length() > MAX_RAW_CHARS ? s.substring(0, MAX_RAW_CHARS) + "…" : s;
    }
}
