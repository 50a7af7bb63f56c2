package io.tidecast.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed {@code tidecast.samples} record is rejected with its specific reason (Kafka Streams style). */
class SampleCodecCorruptRecordTest {
    private static final RecordOrigin ORIGIN = new RecordOrigin("tidecast.samples", 2, 41);
    private final SampleCodec codec = new SampleCodec();

    static Stream<Arguments> corruptRecords() {
        return Stream.of(
                // not JSON at all
                bad("", "empty record"),
                bad("   \r\n\t", "empty record"),
                bad("hello", "not valid JSON at byte 5: Unrecognized token 'hello'"),
                bad("{", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,2", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,2]", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,2],}", "not valid JSON"),
                bad("{\"key\":\"seq1\" \"ts\":1}", "not valid JSON"),
                bad("{key:\"seq1\",\"ts\":1,\"values\":[1]}", "not valid JSON"),
                bad("{'key':'seq1','ts':1,'values':[1]}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1]} {\"key\":\"seq2\"}", "trailing data after the JSON object"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1]}]", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1]} x", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[01]}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1.]}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[.5]}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[0x10]}", "not valid JSON"),
                bad("{\"key\":\"se\nq1\",\"ts\":1,\"values\":[1]}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1]/*c*/}", "not valid JSON"),
                // not an object
                bad("[1,2,3]", "not a JSON object (found an array)"),
                bad("42", "not a JSON object (found an integer)"),
                bad("\"seq1\"", "not a JSON object (found a string)"),
                bad("null", "not a JSON object (found null)"),
                bad("true", "not a JSON object (found a boolean)"),
                // key
                bad("{\"ts\":1,\"values\":[1]}", "missing key"),
                bad("{}", "missing key"),
                bad("{\"key\":null,\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found null"),
                bad("{\"key\":\"\",\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found an empty one"),
                bad("{\"key\":\"  \",\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found an empty one"),
                bad("{\"key\":7,\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found an integer"),
                bad("{\"key\":[\"seq1\"],\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found an array"),
                bad("{\"key\":{\"id\":\"seq1\"},\"ts\":1,\"values\":[1]}", "key must be a non-empty string, found an object"),
                bad("{\"key\":\"a\",\"key\":\"b\",\"ts\":1,\"values\":[1]}", "duplicate field key"),
                // ts
                bad("{\"key\":\"seq1\",\"values\":[1]}", "missing ts"),
                bad("{\"key\":\"seq1\",\"ts\":\"1336650000117\",\"values\":[1]}", "ts must be an integer (epoch ms), found a string"),
                bad("{\"key\":\"seq1\",\"ts\":1.5,\"values\":[1]}", "ts must be an integer (epoch ms), found a decimal number"),
                bad("{\"key\":\"seq1\",\"ts\":1e12,\"values\":[1]}", "ts must be an integer (epoch ms), found a decimal number"),
                bad("{\"key\":\"seq1\",\"ts\":null,\"values\":[1]}", "ts must be an integer (epoch ms), found null"),
                bad("{\"key\":\"seq1\",\"ts\":true,\"values\":[1]}", "ts must be an integer (epoch ms), found a boolean"),
                bad("{\"key\":\"seq1\",\"ts\":[1],\"values\":[1]}", "ts must be an integer (epoch ms), found an array"),
                bad("{\"key\":\"seq1\",\"ts\":NaN,\"values\":[1]}", "ts must be an integer (epoch ms), found a decimal number"),
                bad("{\"key\":\"seq1\",\"ts\":99999999999999999999,\"values\":[1]}", "ts is out of the 64-bit integer range"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"ts\":2,\"values\":[1]}", "duplicate field ts"),
                // values
                bad("{\"key\":\"seq1\",\"ts\":1}", "missing values"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":null}", "values must be an array, found null"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":1.5}", "values must be an array, found a decimal number"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":\"1,2\"}", "values must be an array, found a string"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":{\"x\":1}}", "values must be an array, found an object"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[]}", "values must not be empty"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,null,3]}", "values[1] is not a number (found null)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,2,\"3\"]}", "values[2] is not a number (found a string)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[true]}", "values[0] is not a number (found a boolean)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[[1,2]]}", "values[0] is not a number (found an array)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[{\"v\":1}]}", "values[0] is not a number (found an object)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1,1e999]}", "values[1] overflows a double (1e999)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[-1e400]}", "values[0] overflows a double (-1e400)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[NaN]}", "values[0] is not finite (NaN)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[Infinity]}", "values[0] is not finite (Infinity)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[0,-Infinity]}", "values[1] is not finite (-Infinity)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"values\":[2]}", "duplicate field values"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1" + "1".repeat(2000) + "]}", "not valid JSON"),
                // groups and context
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"groups\":\"smoker\"}", "groups must be an array of strings, found a string"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"groups\":[\"smoker\",5]}", "groups[1] is not a string (found an integer)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"groups\":[[\"a\"]]}", "groups[0] is not a string (found an array)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"groups\":[null]}", "groups[0] is not a string (found null)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"context\":{}}", "context must be an array, found an object"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"context\":[0.5,\"x\"]}", "context[1] is not a number (found a string)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"context\":[NaN]}", "context[0] is not finite (NaN)"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"context\":[2e308]}", "context[0] overflows a double (2e308)"),
                // junk hidden in unknown fields is still syntax-checked
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"extra\":{\"a\":[1,2}}", "not valid JSON"),
                bad("{\"key\":\"seq1\",\"ts\":1,\"values\":[1],\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "not valid JSON"));
    }

    static Stream<Arguments> corruptBytes() {
        byte[] validJson = "{\"key\":\"seq1\",\"ts\":1,\"values\":[1]}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                badBytes("binary garbage", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, "not valid JSON"),
                badBytes("random bytes", new byte[] {0x13, 0x37, (byte) 0xff, (byte) 0xfe, 0x00, 0x01}, "not valid JSON"),
                badBytes("invalid UTF-8 in key", "{\"key\":\"s\u00ffq\",\"ts\":1,\"values\":[1]}".getBytes(StandardCharsets.ISO_8859_1), "not valid JSON"),
                badBytes("UTF-16 encoded", "{\"key\":\"seq1\",\"ts\":1,\"values\":[1]}".getBytes(StandardCharsets.UTF_16), "not UTF-8 (UTF-16 or UTF-32 encoded)"),
                badBytes("UTF-16LE without BOM", "{\"key\":\"seq1\",\"ts\":1,\"values\":[1]}".getBytes(StandardCharsets.UTF_16LE), "not UTF-8 (UTF-16 or UTF-32 encoded)"),
                badBytes("BOM then garbage", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "nope".getBytes(StandardCharsets.UTF_8)), "not valid JSON"),
                badBytes("BOM only", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "not valid JSON"),
                badBytes("NUL padding", concat(validJson, new byte[] {0, 0, 0}), "not valid JSON"),
                badBytes("truncated multi-byte char", concat("{\"key\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82}), "not valid JSON"),
                badBytes("two records concatenated", concat(validJson, validJson), "trailing data after the JSON object"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corruptRecords")
    void rejectsWithSpecificReason(String json, String reason) {
        assertRejected(json.getBytes(StandardCharsets.UTF_8), reason);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corruptBytes")
    void rejectsCorruptBytes(String what, byte[] value, String reason) {
        assertRejected(value, reason);
    }

    @Test
    void rejectsATombstone() {
        assertRejected(null, "null record (tombstone)");
    }

    @Test
    void decoderRecoversAfterEveryRejectedRecord() {
        corruptRecords().forEach(args -> {
            assertThatThrownBy(() -> codec.decode(((String) args.get()[0]).getBytes(StandardCharsets.UTF_8), ORIGIN))
                    .isInstanceOf(RejectedRecordException.class);
            Sample s = codec.decode("{\"key\":\"seq1\",\"ts\":5,\"values\":[1,2]}".getBytes(StandardCharsets.UTF_8), ORIGIN);
            assertThat(s).isEqualTo(new Sample("seq1", 5, new double[] {1, 2}));
        });
    }

    @Test
    void acceptsSurroundingWhitespaceAndIntegerValues() {
        Sample s = codec.decode(" \r\n{ \"key\" : \"seq1\" , \"ts\" : 0 , \"values\" : [ 1 , -0 , 2E2 ] }\n\n"
                .getBytes(StandardCharsets.UTF_8), ORIGIN);
        assertThat(s).isEqualTo(new Sample("seq1", 0, new double[] {1, 0.0, 200})); // the integer -0 reads as 0
    }

    @Test
    void acceptsALeadingUtf8ByteOrderMark() {
        byte[] value = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"key\":\"seq1\",\"ts\":1,\"values\":[1]}".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode(value, ORIGIN)).isEqualTo(new Sample("seq1", 1, new double[] {1}));
    }

    @Test
    void ignoresUnknownFieldsAndKeepsTheOrigin() {
        Sample s = codec.decode(("{\"v\":2,\"values\":[1,-2.5e-3,3],\"meta\":{\"a\":[1,{\"b\":null}]},\"ts\":-7,"
                + "\"key\":\"m\u00e4rker\",\"groups\":null,\"context\":null,\"x\":NaN}").getBytes(StandardCharsets.UTF_8), ORIGIN);
        assertThat(s.key).isEqualTo("m\u00e4rker");
        assertThat(s.ts).isEqualTo(-7);
        assertThat(s.values).containsExactly(1, -2.5e-3, 3);
        assertThat(s.groups).isNull();
        assertThat(s.context).isNull();
        assertThat(s.origin).isSameAs(ORIGIN);
    }

    private void assertRejected(byte[] value, String reason) {
        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageStartingWith(reason);
    }

    private static Arguments bad(String json, String reason) {
        return Arguments.of(json, reason);
    }

    private static Arguments badBytes(String what, byte[] value, String reason) {
        return Arguments.of(what, value, reason);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
