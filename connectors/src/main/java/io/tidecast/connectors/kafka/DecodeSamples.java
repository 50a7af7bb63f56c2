package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.InputLimits;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw sample records; one that cannot be decoded, or that is past an {@link InputLimits} limit that needs
 * no per-key state (size, magnitude), goes to {@link #REJECTS} with its code and reason.
 */
public final class DecodeSamples extends ProcessFunction<RawRecord, Sample> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decode-rejects", TypeInformation.of(Reject.class));
    /** Rejects keep at most this much of the raw record, so a huge bad record cannot become a huge reject. */
    static final int MAX_RAW_CHARS = 4096;

    private final InputLimits limits;
    private transient SampleCodec codec;

    public DecodeSamples() {
        this(InputLimits.none());
    }

    public DecodeSamples(InputLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new SampleCodec();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<Sample> out) {
        RecordOrigin origin = new RecordOrigin(r.topic, r.partition, r.offset);
        try {
            if (r.value == null) throw new RejectedRecordException(RejectCode.TOMBSTONE, "record has no value (tombstone)");
            if (limits.maxRecordBytes > 0 && r.value.length > limits.maxRecordBytes) {
                throw new RejectedRecordException(RejectCode.OVERSIZED, "record of " + r.value.length + " bytes exceeds the limit of "
                        + limits.maxRecordBytes + " (job.maxRecordBytes)");
            }
            Sample s = codec.decode(r.value, origin);
            checkMagnitude(s.values, "values");
            if (s.context != null) checkMagnitude(s.context, "context");
            out.collect(s);
        } catch (RejectedRecordException e) {
            ctx.output(REJECTS, Reject.of(e.code(), e.getMessage(), origin, rawText(r.value)));
        }
    }

    private void checkMagnitude(double[] v, String field) {
        if (!(limits.maxAbsValue > 0)) return;
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) > limits.maxAbsValue) {
                throw new RejectedRecordException(RejectCode.OUT_OF_RANGE, field + "[" + i + "] = " + v[i] + " exceeds the magnitude limit "
                        + limits.maxAbsValue + " (job.maxAbsValue)");
            }
        }
    }

    static String rawText(byte[] value) {
        if (value == null) return null;
        String s = new String(value, 0, Math.min(value.length, MAX_RAW_CHARS * 4), StandardCharsets.UTF_8);
        return s.length() > MAX_RAW_CHARS ? s.substring(0, MAX_RAW_CHARS) + "…" : s;
    }
}
