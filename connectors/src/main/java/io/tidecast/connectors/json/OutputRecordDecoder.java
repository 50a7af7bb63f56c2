package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decoders of the output topics (forecasts, metrics, rejects), for tests, the demo dashboard and tools.
 * JSON null reads back as NaN (doubles) or null (weight, regret), mirroring the encoders. Missing fields keep
 * the POJO defaults; unknown fields are ignored.
 */
final class OutputRecordDecoder {
    private final JsonInput input = new JsonInput();

    Forecast forecast(byte[] value) {
        try (JsonParser p = JsonInput.openObject(value)) {
            Forecast f = new Forecast();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "key": f.key = JsonInput.optionalString(p, field); break;
                    case "model": f.model = JsonInput.optionalString(p, field); break;
                    case "ts": f.ts = JsonInput.requireLong(p, field); break;
                    case "horizonMs": f.horizonMs = JsonInput.requireLong(p, field); break;
                    case "targetTs": f.targetTs = JsonInput.requireLong(p, field); break;
                    case "values":
                        f.values = p.currentToken() == JsonToken.VALUE_NULL ? null : input.finiteArray(p, field, true);
                        break;
                    default: p.skipChildren();
                }
            }
            JsonInput.expectEnd(p);
            return f;
        } catch (JsonProcessingException e) {
            throw JsonInput.invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MetricsRecord metrics(byte[] value) {
        try (JsonParser p = JsonInput.openObject(value)) {
            MetricsRecord m = new MetricsRecord();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "key": m.key = JsonInput.optionalString(p, field); break;
                    case "model": m.model = JsonInput.optionalString(p, field); break;
                    case "horizonMs": m.horizonMs = JsonInput.requireLong(p, field); break;
                    case "ts": m.ts = JsonInput.requireLong(p, field); break;
                    case "scope": m.scope = JsonInput.optionalString(p, field); break;
                    case "last": m.last = JsonInput.requireBoolean(p, field); break;
                    case "count": m.count = JsonInput.requireLong(p, field); break;
                    case "mae": m.mae = JsonInput.finiteOrNull(p, field); break;
                    case "rmse": m.rmse = JsonInput.finiteOrNull(p, field); break;
                    case "nrmse": m.nrmse = JsonInput.finiteOrNull(p, field); break;
                    case "maxError": m.maxError = JsonInput.finiteOrNull(p, field); break;
                    case "jitter": m.jitter = JsonInput.finiteOrNull(p, field); break;
                    case "weight": m.weight = JsonInput.boxedFiniteOrNull(p, field); break;
                    case "regret": m.regret = JsonInput.boxedFiniteOrNull(p, field); break;
                    case "regretPerStep": m.regretPerStep = JsonInput.boxedFiniteOrNull(p, field); break;
                    case "cumulativeLoss": m.cumulativeLoss = JsonInput.boxedFiniteOrNull(p, field); break;
                    case "bestModel": m.bestModel = JsonInput.optionalString(p, field); break;
                    case "bestLoss": m.bestLoss = JsonInput.boxedFiniteOrNull(p, field); break;
                    case "group": m.group = JsonInput.optionalString(p, field); break;
                    case "weights": readWeights(p, m); break;
                    default: p.skipChildren();
                }
            }
            JsonInput.expectEnd(p);
            return m;
        } catch (JsonProcessingException e) {
            throw JsonInput.invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "weights": {member: weight, ...}} or null, into the record's parallel members/weights arrays. */
    private static void readWeights(JsonParser p, MetricsRecord m) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new RejectedRecordException("weights must be an object, found " + JsonInput.describe(p.currentToken()));
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<Double> ws = new java.util.ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            p.nextToken();
            names.add(member);
            ws.add(JsonInput.finiteOrNull(p, "weights." + member));
        }
        m.members = names.toArray(new String[0]);
        m.weights = ws.stream().mapToDouble(Double::doubleValue).toArray();
    }

    Reject reject(byte[] value) {
        try (JsonParser p = JsonInput.openObject(value)) {
            Reject r = new Reject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "code": r.code = JsonInput.optionalString(p, field); break;
                    case "reason": r.reason = JsonInput.optionalString(p, field); break;
                    case "topic": r.topic = JsonInput.optionalString(p, field); break;
                    case "partition": r.partition = Math.toIntExact(JsonInput.requireLong(p, field)); break;
                    case "offset": r.offset = JsonInput.requireLong(p, field); break;
                    case "raw": r.raw = JsonInput.optionalString(p, field); break;
                    default: p.skipChildren();
                }
            }
            JsonInput.expectEnd(p);
            return r;
        } catch (JsonProcessingException e) {
            throw JsonInput.invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
