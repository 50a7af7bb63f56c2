package io.tidecast.connectors.kafka;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import java.util.EnumMap;
import org.apache.flink.metrics.Counter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Encodes outputs as JSON records for their topics (key = stream key, so a key's outputs stay in order). */
public final class EncodeOutputs {
    private EncodeOutputs() {}

    private abstract static class Encoder<T> extends RichMapFunction<T, OutRecord> {
        private static final long serialVersionUID = 1L;
        final String topic;
        transient SampleCodec codec;

        Encoder(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext openContext) {
            codec = new SampleCodec();
        }

        static byte[] key(String k) {
            return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static RichMapFunction<Forecast, OutRecord> forecasts(String topic) {
        return new Encoder<>(topic) {
            @Override
            public OutRecord map(Forecast f) {
                return new OutRecord(topic, key(f.key), codec.encode(f));
            }
        };
    }

    public static RichMapFunction<MetricsRecord, OutRecord> metrics(String topic) {
        return new Encoder<>(topic) {
            @Override
            public OutRecord map(MetricsRecord m) {
                return new OutRecord(topic, key(m.key), codec.encode(m));
            }
        };
    }

    /**
     * Encodes rejects and counts them per code in this operator's metric group ({@code rejects_<code>}, every code
     * registered at start so that a dashboard sees zeros, not gaps), whichever stage rejected them.
     */
    public static RichMapFunction<Reject, OutRecord> rejects(String topic) {
        return new Encoder<>(topic) {
            private transient EnumMap<RejectCode, Counter> counters;

            @Override
            public void open(OpenContext openContext) {
                super.open(openContext);
                counters = new EnumMap<>(RejectCode.class);
                for (RejectCode c : RejectCode.values()) counters.put(c, getRuntimeContext().getMetricGroup().counter(c.counterName()));
            }

            @Override
            public OutRecord map(Reject r) {
                if (r.code != null) counters.get(RejectCode.of(r.code)).inc();
                return new OutRecord(topic, null, codec.encode(r));
            }
        };
    }
}
