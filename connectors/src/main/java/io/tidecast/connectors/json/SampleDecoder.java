package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tidecast.records.RejectCode;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Streaming, validating decoder of the {@code tidecast.samples} contract. One instance per thread. */
final class SampleDecoder {
    private static final int KEY = 1, TS = 2, VALUES = 4, GROUPS = 8, CONTEXT = 16;

    private final JsonInput input = new JsonInput();

    Sample decode(byte[] value, RecordOrigin origin) {
        try (JsonParser p = JsonInput.openObject(value)) {
            Sample s = new Sample();
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                int bit = bitOf(field);
                if (bit != 0) {
                    // A second "ts" would silently win in a lenient reader; better to say the record is ambiguous.
                    if ((seen & bit) != 0) {
                        throw new RejectedRecordException(RejectCode.DUPLICATE_FIELD, "duplicate field " + field);
                    }
                    seen |= bit;
                }
                switch (bit) {
                    case KEY: s.key = readKey(p); break;
                    case TS: s.ts = readTs(p); break;
                    case VALUES: s.values = readValues(p); break;
                    case GROUPS: s.groups = readGroups(p); break;
                    case CONTEXT:
                        s.context = p.currentToken() == JsonToken.VALUE_NULL ? null : input.finiteArray(p, "context", false);
                        break;
                    default: p.skipChildren(); // unknown fields are ignored, by contract
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new RejectedRecordException(RejectCode.NOT_JSON, "not valid JSON: unexpected " + JsonInput.describe(t));
            }
            JsonInput.expectEnd(p);
            if ((seen & KEY) == 0) throw new RejectedRecordException(RejectCode.MISSING_FIELD, "missing key");
            if ((seen & TS) == 0) throw new RejectedRecordException(RejectCode.MISSING_FIELD, "missing ts");
            if ((seen & VALUES) == 0) throw new RejectedRecordException(RejectCode.MISSING_FIELD, "missing values");
            s.origin = origin;
            return s;
        } catch (JsonProcessingException e) {
            throw JsonInput.invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte[] does not do I/O; kept for the signature
        }
    }

    private static int bitOf(String field) {
        switch (field) {
            case "key": return KEY;
            case "ts": return TS;
            case "values": return VALUES;
            case "groups": return GROUPS;
            case "context": return CONTEXT;
            default: return 0;
        }
    }

    private static String readKey(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, "key must be a non-empty string, found " + JsonInput.describe(p.currentToken()));
        }
        String key = p.getText();
        if (key.isBlank()) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, "key must be a non-empty string, found an empty one");
        }
        return key;
    }

    private static long readTs(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, "ts must be an integer (epoch ms), found " + JsonInput.describe(p.currentToken()));
        }
        return JsonInput.requireLong(p, "ts");
    }

    private double[] readValues(JsonParser p) throws IOException {
        double[] values = input.finiteArray(p, "values", false);
        if (values.length == 0) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, "values must not be empty");
        }
        return values;
    }

    private static String[] readGroups(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, "groups must be an array of strings, found " + JsonInput.describe(t));
        }
        List<String> groups = new ArrayList<>(4);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new RejectedRecordException(RejectCode.WRONG_TYPE, "groups[" + groups.size() + "] is not a string (found " + JsonInput.describe(t) + ")");
            }
            groups.add(p.getText());
        }
        return groups.toArray(new String[0]);
    }
}
