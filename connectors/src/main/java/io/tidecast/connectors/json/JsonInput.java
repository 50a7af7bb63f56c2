package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tidecast.records.RejectCode;
import java.io.IOException;
import java.util.Arrays;

/**
 * Shared steps of the streaming decoders: opening a parser on a record, the checks every record needs (UTF-8,
 * one JSON object and nothing after it), and reading typed field values with specific reject reasons.
 */
final class JsonInput {
    private double[] scratch = new double[16];

    /** Opens a parser on a UTF-8 JSON object and consumes its START_OBJECT. */
    static JsonParser openObject(byte[] value) throws IOException {
        if (value == null) {
            throw new RejectedRecordException(RejectCode.TOMBSTONE, "null record (tombstone)");
        }
        if (isBlank(value)) {
            throw new RejectedRecordException(RejectCode.NOT_JSON, "empty record");
        }
        // Jackson silently auto-detects UTF-16/32; the contract is UTF-8, so such input is rejected here.
        if (looksLikeUtf16or32(value)) {
            throw new RejectedRecordException(RejectCode.NOT_JSON, "not UTF-8 (UTF-16 or UTF-32 encoded)");
        }
        JsonParser p = Json.FACTORY.createParser(value);
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            p.close();
            throw new RejectedRecordException(RejectCode.NOT_JSON, "not a JSON object (found " + describe(first) + ")");
        }
        return p;
    }

    /** After the root END_OBJECT: anything but the end of input is a second value or garbage. */
    static void expectEnd(JsonParser p) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new RejectedRecordException(RejectCode.NOT_JSON, "trailing data after the JSON object");
        }
    }

    /** The reject reason for a syntax error: the parser's own message, with the byte offset where it happened. */
    static RejectedRecordException invalidJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at byte " + at.getByteOffset();
        String detail = e.getOriginalMessage();
        int newline = detail == null ? -1 : detail.indexOf('\n');
        if (newline >= 0) {
            detail = detail.substring(0, newline);
        }
        return new RejectedRecordException(RejectCode.NOT_JSON, "not valid JSON" + where + ": " + detail);
    }

    static String requireString(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, field + " must be a string, found " + describe(p.currentToken()));
        }
        return p.getText();
    }

    static String optionalString(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : requireString(p, field);
    }

    static long requireLong(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, field + " must be an integer, found " + describe(t));
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new RejectedRecordException(RejectCode.OUT_OF_RANGE, field + " is out of the 64-bit integer range");
        }
        return p.getLongValue();
    }

    static boolean requireBoolean(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, field + " must be true or false, found " + describe(t));
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** A finite double; {@code element} names it in the reason (e.g. {@code values[3]}). */
    static double requireFinite(JsonParser p, String element) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, element + " is not a number (found " + describe(t) + ")");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            // A numeric literal that became infinite overflowed; anything else was a NaN/Infinity token.
            String text = p.getText();
            boolean literal = !text.isEmpty() && (Character.isDigit(text.charAt(0))
                    || (text.length() > 1 && text.charAt(0) == '-' && Character.isDigit(text.charAt(1))));
            throw new RejectedRecordException(RejectCode.NON_FINITE, literal
                    ? element + " overflows a double (" + abbreviate(text) + ")"
                    : element + " is not finite (" + abbreviate(text) + ")");
        }
        return v;
    }

    /** A finite double or JSON null (read as NaN): how encoders write non-finite statistics. */
    static double finiteOrNull(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : requireFinite(p, field);
    }

    static Double boxedFiniteOrNull(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : requireFinite(p, field);
    }

    /**
     * Reads an array of finite numbers into a reused scratch buffer and returns an exact-size copy.
     * {@code nullElements} accepts JSON null elements as NaN (the encoders' rendering of non-finite values).
     */
    double[] finiteArray(JsonParser p, String field, boolean nullElements) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new RejectedRecordException(RejectCode.WRONG_TYPE, field + " must be an array, found " + describe(p.currentToken()));
        }
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n == scratch.length) {
                scratch = Arrays.copyOf(scratch, n * 2);
            }
            scratch[n] = nullElements && t == JsonToken.VALUE_NULL
                    ? Double.NaN
                    : requireFinite(p, field + "[" + n + "]");
            n++;
        }
        return Arrays.copyOf(scratch, n);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: return "an integer";
            case VALUE_NUMBER_FLOAT: return "a decimal number";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return t.toString();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 29) + "...";
    }

    private static boolean isBlank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** JSON text starts with an ASCII character, so a zero byte among the first two means a 16/32-bit encoding. */
    private static boolean looksLikeUtf16or32(byte[] v) {
        if (v.length >= 2 && ((v[0] == (byte) 0xFE && v[1] == (byte) 0xFF) || (v[0] == (byte) 0xFF && v[1] == (byte) 0xFE))) {
            return true;
        }
        return v.length >= 2 && (v[0] == 0 || v[1] == 0);
    }
}
