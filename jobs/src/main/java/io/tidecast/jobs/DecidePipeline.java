package io.tidecast.jobs;

import io.tidecast.connectors.kafka.DecodeDecisionEvents;
import io.tidecast.connectors.kafka.EncodeDecisions;
import io.tidecast.connectors.kafka.EncodeOutputs;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.config.DecideSettings;
import io.tidecast.operators.decide.DecideConfig;
import io.tidecast.operators.decide.DecideFunction;
import io.tidecast.operators.decide.RequestRouter;
import io.tidecast.records.Decision;
import io.tidecast.records.DecisionEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The decision service's dataflow, independent of where records come from and go to (the Kafka job and the tests
 * run this same graph):
 *
 * <pre>
 * requests ─decode─┐
 *                  ├─ keyBy(requestId) ─▶ RequestRouter ─ keyBy(key) ─▶ DecideFunction ─▶ decisions, metrics
 * feedback ─decode─┘   (gives each cost the key of its request)                     └─▶ rejects (with every decode/router reject)
 * </pre>
 * Event time is the Kafka record timestamp; the sources' watermarks must be set by the caller.
 */
public final class DecidePipeline {
    private DecidePipeline() {}

    public static DataStream<OutRecord> build(DataStream<RawRecord> requests, DataStream<RawRecord> feedback, DecideConfig config,
                                              DecideSettings.Topics topics) {
        SingleOutputStreamOperator<DecisionEvent> req = requests.process(DecodeDecisionEvents.requests())
                .name("decode requests").uid("decode-requests").setParallelism(requests.getParallelism());
        SingleOutputStreamOperator<DecisionEvent> fb = feedback.process(DecodeDecisionEvents.feedback())
                .name("decode feedback").uid("decode-feedback").setParallelism(feedback.getParallelism());
        SingleOutputStreamOperator<DecisionEvent> routed = req.union(fb).keyBy(e -> e.requestId)
                .process(new RequestRouter(config)).name("route by requestId").uid("route");
        SingleOutputStreamOperator<Decision> decisions = routed.keyBy(e -> e.key)
                .process(new DecideFunction(config)).name("decide").uid("decide");

        DataStream<OutRecord> out = decisions.map(EncodeDecisions.decisions(topics.decisions)).name("encode decisions").uid("encode-decisions");
        DataStream<OutRecord> metrics = decisions.getSideOutput(DecideFunction.METRICS)
                .map(EncodeDecisions.metrics(topics.metrics)).name("encode decision metrics").uid("encode-decision-metrics");
        DataStream<OutRecord> rejects = req.getSideOutput(DecodeDecisionEvents.REJECTS)
                .union(fb.getSideOutput(DecodeDecisionEvents.REJECTS), routed.getSideOutput(RequestRouter.REJECTS),
                        decisions.getSideOutput(DecideFunction.REJECTS))
                .map(EncodeOutputs.rejects(topics.rejects)).name("encode decision rejects").uid("encode-decision-rejects");
        return out.union(metrics, rejects);
    }
}
