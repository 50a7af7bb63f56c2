package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupPrediction;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.RejectCode;
import java.io.IOException;

/**
 * JSON contract of the groupwise job, UTF-8, one record per Kafka message, key = data set or tenant:
 * <pre>
 * in   {"key":"insurance","ts":17,"features":[19,27.9,0],"indicators":[1,0,0,1],"target":16884.92,"groups":["young","smoker"]}
 * out  predictions {"key","ts","prediction","baseline","target","groups"}
 *      metrics     {"key","group","count","ours","oursMixture","baseline","hindsight","regretOurs","regretBaseline","last"}
 * </pre>
 * Decoding rules: one JSON object; {@code key} a non-blank string; {@code ts} an integer; {@code features} a non-empty
 * array of finite numbers; {@code indicators} (optional) an array of finite numbers; {@code target} a finite number;
 * {@code groups} (optional) an array of distinct non-blank strings, without {@code always_on} (every record is in it);
 * unknown fields are ignored. Every violation has its own reject reason.
 */
public final class GroupwiseCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws RejectedRecordException with the specific reason */
    public GroupRecord decode(byte[] value, RecordOrigin origin) {
        if (value == null) throw new RejectedRecordException(RejectCode.TOMBSTONE, "record has no value (tombstone)");
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new RejectedRecordException(RejectCode.NOT_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedRecordException(RejectCode.NOT_JSON, "unreadable record: " + e.getMessage());
        }
        if (n == null || n.isMissingNode()) throw new RejectedRecordException(RejectCode.NOT_JSON, "record is empty");
        if (!n.isObject()) throw new RejectedRecordException(RejectCode.NOT_JSON, "record is not a JSON object");
        JsonNode key = n.get("key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'key' must be a non-blank string");
        JsonNode ts = n.get("ts");
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'ts' must be an integer (epoch ms)");
        double[] features = numbers(n.get("features"), "features", true);
        double[] indicators = n.hasNonNull("indicators") ? numbers(n.get("indicators"), "indicators", false) : new double[0];
        JsonNode target = n.get("target");
        if (target == null || target.isNull()) throw new RejectedRecordException(RejectCode.MISSING_FIELD, "'target' is missing");
        if (!target.isNumber() || !Double.isFinite(target.asDouble())) throw new RejectedRecordException(RejectCode.NON_FINITE, "'target' must be a finite number");
        String[] groups = new String[0];
        JsonNode g = n.get("groups");
        if (g != null && !g.isNull()) {
            if (!g.isArray()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'groups' must be an array of group names");
            groups = new String[g.size()];
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < g.size(); i++) {
                JsonNode e = g.get(i);
                if (!e.isTextual() || e.asText().isBlank()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'groups' element " + i + " is not a non-blank string");
                if (e.asText().equals("always_on")) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'groups' must not list always_on (every record is in it)");
                if (!seen.add(e.asText())) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'groups' lists '" + e.asText() + "' twice");
                groups[i] = e.asText();
            }
        }
        GroupRecord r = new GroupRecord(key.asText(), ts.asLong(), features, indicators, target.asDouble(), groups);
        r.origin = origin;
        return r;
    }

    private static double[] numbers(JsonNode a, String field, boolean required) {
        if (a == null || a.isNull()) throw new RejectedRecordException(RejectCode.MISSING_FIELD, "'" + field + "' is missing");
        if (!a.isArray()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'" + field + "' must be an array of numbers");
        if (required && a.isEmpty()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'" + field + "' is empty");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isNumber()) throw new RejectedRecordException(RejectCode.WRONG_TYPE, "'" + field + "' element " + i + " is not a number");
            v[i] = e.asDouble();
            if (!Double.isFinite(v[i])) throw new RejectedRecordException(RejectCode.NON_FINITE, "'" + field + "' element " + i + " is not finite");
        }
        return v;
    }

    public byte[] encode(GroupRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", r.key);
        o.put("ts", r.ts);
        ArrayNode f = o.putArray("features");
        for (double v : r.features) f.add(v);
        ArrayNode ind = o.putArray("indicators");
        for (double v : r.indicators) ind.add(v);
        o.put("target", r.target);
        ArrayNode g = o.putArray("groups");
        for (String s : r.groups) g.add(s);
        return bytes(o);
    }

    public byte[] encode(GroupPrediction p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", p.key);
        o.put("ts", p.ts);
        o.put("prediction", p.prediction);
        o.put("baseline", p.baseline);
        o.put("target", p.target);
        ArrayNode g = o.putArray("groups");
        for (String s : p.groups) g.add(s);
        return bytes(o);
    }

    public byte[] encode(GroupMetrics m) {
        ObjectNode o = JSON.valueToTree(m);
        return bytes(o);
    }

    public GroupMetrics decodeMetrics(byte[] value) {
        try {
            return JSON.readValue(value, GroupMetrics.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a groupwise metrics record: " + e.getMessage(), e);
        }
    }

    public GroupPrediction decodePrediction(byte[] value) {
        try {
            return JSON.readValue(value, GroupPrediction.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a groupwise prediction record: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
