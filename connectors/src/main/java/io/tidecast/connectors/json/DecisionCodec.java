package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tidecast.records.Decision;
import io.tidecast.records.DecisionEvent;
import io.tidecast.records.DecisionMetrics;
import io.tidecast.records.RecordOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON codec of the decision service's contracts: requests {@code {"key","requestId","context":[...]}} and feedback
 * {@code {"requestId","cost"}} in (decoded with a specific reject reason for every malformed record), decisions
 * {@code {"key","requestId","arm","probability"}} and decision metrics out.
 *
 * <p>Rules: one UTF-8 JSON object; {@code key} and {@code requestId} non-blank strings of at most
 * {@value #MAX_ID_CHARS} characters; {@code context} optional (absent or null), an array of finite numbers;
 * {@code cost} a finite number; known fields may not repeat; unknown fields are ignored.
 *
 * <p><b>Not thread-safe</b>: one instance per thread (e.g. per Flink subtask, in {@code open()}).
 */
public final class DecisionCodec {
    public static final int MAX_ID_CHARS = 256;
    private static final int KEY = 1, REQUEST_ID = 2, CONTEXT = 4, COST = 8;

    private final JsonInput input = new JsonInput();
    private final JsonOutput out = new JsonOutput();

    /** Decodes a request; {@code ts} is its event time (the Kafka record timestamp). */
    public DecisionEvent decodeRequest(byte[] value, RecordOrigin origin, long ts) {
        DecisionEvent e = decode(value, KEY | REQUEST_ID | CONTEXT, "request");
        if (e.key == null) throw new RejectedRecordException("missing key");
        if (e.requestId == null) throw new RejectedRecordException("missing requestId");
        e.kind = DecisionEvent.REQUEST;
        e.ts = ts;
        e.origin = origin;
        return e;
    }

    /** Decodes a feedback record; {@code ts} is its event time (the Kafka record timestamp). */
    public DecisionEvent decodeFeedback(byte[] value, RecordOrigin origin, long ts) {
        DecisionEvent e = decode(value, REQUEST_ID | COST, "feedback");
        if (e.requestId == null) throw new RejectedRecordException("missing requestId");
        e.kind = DecisionEvent.FEEDBACK;
        e.ts = ts;
        e.origin = origin;
        return e;
    }

    private DecisionEvent decode(byte[] value, int allowed, String what) {
        try (JsonParser p = JsonInput.openObject(value)) {
            DecisionEvent e = new DecisionEvent();
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                int bit = bitOf(field) & allowed;
                if (bit != 0) {
                    if ((seen & bit) != 0) throw new RejectedRecordException("duplicate field " + field);
                    seen |= bit;
                }
                switch (bit) {
                    case KEY: e.key = id(p, "key"); break;
                    case REQUEST_ID: e.requestId = id(p, "requestId"); break;
                    case CONTEXT:
                        e.context = p.currentToken() == JsonToken.VALUE_NULL ? null : input.finiteArray(p, "context", false);
                        break;
                    case COST: e.cost = JsonInput.requireFinite(p, "cost"); break;
                    default: p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new RejectedRecordException("not valid JSON: unexpected " + JsonInput.describe(t));
            }
            JsonInput.expectEnd(p);
            if ((allowed & COST) != 0 && (seen & COST) == 0) throw new RejectedRecordException("missing cost");
            return e;
        } catch (JsonProcessingException ex) {
            throw JsonInput.invalidJson(ex);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int bitOf(String field) {
        switch (field) {
            case "key": return KEY;
            case "requestId": return REQUEST_ID;
            case "context": return CONTEXT;
            case "cost": return COST;
            default: return 0;
        }
    }

    private static String id(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new RejectedRecordException(field + " must be a non-empty string, found " + JsonInput.describe(p.currentToken()));
        }
        String s = p.getText();
        if (s.isBlank()) throw new RejectedRecordException(field + " must be a non-empty string, found an empty one");
        if (s.length() > MAX_ID_CHARS) {
            throw new RejectedRecordException(field + " is longer than " + MAX_ID_CHARS + " characters (" + s.length() + ")");
        }
        return s;
    }

    public byte[] encode(Decision d) {
        JsonGenerator g = out.begin();
        try {
            g.writeStartObject();
            g.writeStringField("key", d.key);
            g.writeStringField("requestId", d.requestId);
            g.writeStringField("arm", d.arm);
            g.writeFieldName("probability");
            JsonOutput.writeFinite(g, d.probability);
            g.writeEndObject();
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    public byte[] encode(DecisionMetrics m) {
        JsonGenerator g = out.begin();
        try {
            g.writeStartObject();
            g.writeStringField("kind", "decision");
            g.writeStringField("key", m.key);
            g.writeStringField("model", "bandit");
            g.writeStringField("policy", m.policy);
            g.writeNumberField("ts", m.ts);
            g.writeStringField("scope", "total");
            g.writeBooleanField("last", m.last);
            g.writeNumberField("decisions", m.decisions);
            g.writeNumberField("count", m.count);
            g.writeNumberField("lost", m.lost);
            g.writeNumberField("late", m.late);
            g.writeNumberField("duplicate", m.duplicate);
            finite(g, "cumulativeLoss", m.cumulativeCost);
            finite(g, "costPerStep", m.costPerStep);
            g.writeNumberField("windowCount", m.windowCount);
            finite(g, "windowCostPerStep", m.windowCostPerStep);
            finite(g, "regret", m.regret);
            finite(g, "regretPerStep", m.regretPerStep);
            finite(g, "regretIw", m.regretIw);
            if (m.bestArm == null) g.writeNullField("bestModel");
            else g.writeStringField("bestModel", m.bestArm);
            g.writeFieldName("arms");
            g.writeStartArray();
            for (String a : m.arms) g.writeString(a);
            g.writeEndArray();
            g.writeFieldName("pulls");
            g.writeStartArray();
            for (long n : m.pulls) g.writeNumber(n);
            g.writeEndArray();
            JsonOutput.writeFiniteArray(g, "meanCost", m.meanCost);
            JsonOutput.writeFiniteArray(g, "probabilities", m.probabilities);
            g.writeEndObject();
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    private static void finite(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        JsonOutput.writeFinite(g, v);
    }

    /** Decodes a {@code tidecast.decisions} record (for clients, tests and the benchmark). */
    public Decision decodeDecision(byte[] value) {
        try (JsonParser p = JsonInput.openObject(value)) {
            Decision d = new Decision();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "key": d.key = JsonInput.optionalString(p, field); break;
                    case "requestId": d.requestId = JsonInput.optionalString(p, field); break;
                    case "arm": d.arm = JsonInput.optionalString(p, field); break;
                    case "probability": d.probability = JsonInput.finiteOrNull(p, field); break;
                    default: p.skipChildren();
                }
            }
            JsonInput.expectEnd(p);
            return d;
        } catch (JsonProcessingException e) {
            throw JsonInput.invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
