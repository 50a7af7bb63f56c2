package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.DecisionCodec;
import io.tidecast.records.Decision;
import io.tidecast.records.DecisionMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Encodes the decision service's outputs for their topics (message key = the request's key). */
public final class EncodeDecisions {
    private EncodeDecisions() {}

    private abstract static class Encoder<T> extends RichMapFunction<T, OutRecord> {
        private static final long serialVersionUID = 1L;
        final String topic;
        transient DecisionCodec codec;

        Encoder(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext openContext) {
            codec = new DecisionCodec();
        }

        static byte[] key(String k) {
            return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static RichMapFunction<Decision, OutRecord> decisions(String topic) {
        return new Encoder<>(topic) {
            @Override
            public OutRecord map(Decision d) {
                return new OutRecord(topic, key(d.key), codec.encode(d));
            }
        };
    }

    public static RichMapFunction<DecisionMetrics, OutRecord> metrics(String topic) {
        return new Encoder<>(topic) {
            @Override
            public OutRecord map(DecisionMetrics m) {
                return new OutRecord(topic, key(m.key), codec.encode(m));
            }
        };
    }
}
