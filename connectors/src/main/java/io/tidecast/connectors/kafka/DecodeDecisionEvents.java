package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.DecisionCodec;
import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.records.DecisionEvent;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw decision requests or feedback; the event time is the Kafka record timestamp. A record that cannot be
 * decoded goes to {@link #REJECTS} with the reason.
 */
public final class DecodeDecisionEvents extends ProcessFunction<RawRecord, DecisionEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decision-decode-rejects", TypeInformation.of(Reject.class));

    private final boolean requests;
    private transient DecisionCodec codec;

    private DecodeDecisionEvents(boolean requests) {
        this.requests = requests;
    }

    public static DecodeDecisionEvents requests() {
        return new DecodeDecisionEvents(true);
    }

    public static DecodeDecisionEvents feedback() {
        return new DecodeDecisionEvents(false);
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new DecisionCodec();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<DecisionEvent> out) {
        RecordOrigin origin = new RecordOrigin(r.topic, r.partition, r.offset);
        try {
            if (r.value == null) throw new RejectedRecordException("record has no value (tombstone)");
            Long ts = ctx.timestamp();
            if (ts == null || ts < 0) throw new RejectedRecordException("record has no timestamp (event time is the Kafka record timestamp)");
            out.collect(requests ? codec.decodeRequest(r.value, origin, ts) : codec.decodeFeedback(r.value, origin, ts));
        } catch (RejectedRecordException e) {
            ctx.output(REJECTS, Reject.of(e.getMessage(), origin, DecodeSamples.rawText(r.value)));
        }
    }
}
