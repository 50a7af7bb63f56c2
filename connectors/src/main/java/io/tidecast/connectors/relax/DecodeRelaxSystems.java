package io.tidecast.connectors.relax;

import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.RelaxSystem;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes and validates raw {@code tidecast.relax.systems} records; a bad one goes to {@link #REJECTS} with the reason. */
public final class DecodeRelaxSystems extends ProcessFunction<RawRecord, RelaxSystem> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("relax-decode-rejects", TypeInformation.of(Reject.class));
    static final int MAX_RAW_CHARS = 4096;

    private transient RelaxSystemCodec codec;

    @Override
    public void open(OpenContext openContext) {
        codec = new RelaxSystemCodec();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<RelaxSystem> out) {
        try {
            String key = r.key == null ? null : new String(r.key, StandardCharsets.UTF_8);
            out.collect(codec.decode(r.value, key, r.offset));
        } catch (RejectedRecordException e) {
            ctx.output(REJECTS, new Reject(io.tidecast.records.RejectCode.classify(e.getMessage()), e.getMessage(), r.topic, r.partition, r.offset, raw(r.value)));
        }
    }

    static String raw(byte[] v) {
        if (v == null) return null;
        String s = new String(v, 0, Math.min(v.length, MAX_RAW_CHARS * 4), StandardCharsets.UTF_8);
        return s.length() > MAX_RAW_CHARS ? s.substring(0, MAX_RAW_CHARS) + "…" : s;
    }
}
