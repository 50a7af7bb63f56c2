package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.io.IOException;

/** Field-by-field JSON writers of the four edge contracts (DESIGN.md §4); non-finite doubles become null. */
final class RecordWriters {
    private RecordWriters() {}

    static void write(JsonGenerator g, Sample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.key);
        g.writeNumberField("ts", s.ts);
        JsonOutput.writeFiniteArray(g, "values", s.values);
        if (s.groups != null) {
            g.writeFieldName("groups");
            g.writeStartArray(s.groups, s.groups.length);
            for (String group : s.groups) {
                g.writeString(group);
            }
            g.writeEndArray();
        }
        if (s.context != null) {
            JsonOutput.writeFiniteArray(g, "context", s.context);
        }
        g.writeEndObject();
    }

    static void write(JsonGenerator g, Forecast f) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", f.key);
        g.writeStringField("model", f.model);
        g.writeNumberField("ts", f.ts);
        g.writeNumberField("horizonMs", f.horizonMs);
        g.writeNumberField("targetTs", f.targetTs);
        JsonOutput.writeFiniteArray(g, "values", f.values);
        g.writeEndObject();
    }

    static void write(JsonGenerator g, MetricsRecord m) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", m.key);
        g.writeStringField("model", m.model);
        g.writeNumberField("horizonMs", m.horizonMs);
        g.writeNumberField("ts", m.ts);
        g.writeStringField("scope", m.scope);
        g.writeBooleanField("last", m.last);
        g.writeNumberField("count", m.count);
        finiteField(g, "mae", m.mae);
        finiteField(g, "rmse", m.rmse);
        finiteField(g, "nrmse", m.nrmse);
        finiteField(g, "maxError", m.maxError);
        finiteField(g, "jitter", m.jitter);
        finiteField(g, "weight", m.weight == null ? Double.NaN : m.weight);
        finiteField(g, "regret", m.regret == null ? Double.NaN : m.regret);
        finiteField(g, "regretPerStep", m.regretPerStep == null ? Double.NaN : m.regretPerStep);
        finiteField(g, "cumulativeLoss", m.cumulativeLoss == null ? Double.NaN : m.cumulativeLoss);
        if (m.bestModel == null) {
            g.writeNullField("bestModel");
        } else {
            g.writeStringField("bestModel", m.bestModel);
        }
        finiteField(g, "bestLoss", m.bestLoss == null ? Double.NaN : m.bestLoss);
        if (m.members == null || m.weights == null) {
            g.writeNullField("weights");
        } else {
            g.writeObjectFieldStart("weights");
            for (int i = 0; i < m.members.length; i++) finiteField(g, m.members[i], m.weights[i]);
            g.writeEndObject();
        }
        if (m.group == null) {
            g.writeNullField("group");
        } else {
            g.writeStringField("group", m.group);
        }
        g.writeEndObject();
    }

    static void write(JsonGenerator g, Reject r) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", r.code);
        g.writeStringField("reason", r.reason);
        g.writeStringField("topic", r.topic);
        g.writeNumberField("partition", r.partition);
        g.writeNumberField("offset", r.offset);
        g.writeStringField("raw", r.raw);
        g.writeEndObject();
    }

    private static void finiteField(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        JsonOutput.writeFinite(g, v);
    }
}
