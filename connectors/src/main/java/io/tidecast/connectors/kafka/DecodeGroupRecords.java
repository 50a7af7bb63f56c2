package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.GroupwiseCodec;
import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw groupwise records; one that cannot be decoded goes to {@link #REJECTS} with the reason. */
public final class DecodeGroupRecords extends ProcessFunction<RawRecord, GroupRecord> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("groupwise-decode-rejects", TypeInformation.of(Reject.class));

    private transient GroupwiseCodec codec;

    @Override
    public void open(OpenContext openContext) {
        codec = new GroupwiseCodec();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<GroupRecord> out) {
        RecordOrigin origin = new RecordOrigin(r.topic, r.partition, r.offset);
        try {
            out.collect(codec.decode(r.value, origin));
        } catch (RejectedRecordException e) {
            ctx.output(REJECTS, Reject.of(e.code(), e.getMessage(), origin, DecodeSamples.rawText(r.value)));
        }
    }
}
