package io.tidecast.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.records.Decision;
import io.tidecast.records.DecisionEvent;
import io.tidecast.records.DecisionMetrics;
import io.tidecast.records.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed decision request or feedback record is rejected with its specific reason; good ones round-trip. */
class DecisionCodecCorruptRecordTest {
    private static final RecordOrigin ORIGIN = new RecordOrigin("tidecast.decisions.requests", 1, 9);
    private final DecisionCodec codec = new DecisionCodec();

    static Stream<Arguments> corruptRequests() {
        return Stream.of(
                bad("", "empty record"),
                bad("nope", "not valid JSON at byte 4"),
                bad("{\"key\":\"k\",\"requestId\":\"r\"", "not valid JSON"),
                bad("{\"key\":\"k\",\"requestId\":\"r\"} {}", "trailing data after the JSON object"),
                bad("[\"k\",\"r\"]", "not a JSON object (found an array)"),
                bad("{\"requestId\":\"r\"}", "missing key"),
                bad("{\"key\":\"k\"}", "missing requestId"),
                bad("{\"key\":\"\",\"requestId\":\"r\"}", "key must be a non-empty string, found an empty one"),
                bad("{\"key\":\"k\",\"requestId\":7}", "requestId must be a non-empty string, found an integer"),
                bad("{\"key\":\"k\",\"requestId\":null}", "requestId must be a non-empty string, found null"),
                bad("{\"key\":\"k\",\"requestId\":\"" + "x".repeat(300) + "\"}", "requestId is longer than 256 characters (300)"),
                bad("{\"key\":\"k\",\"key\":\"j\",\"requestId\":\"r\"}", "duplicate field key"),
                bad("{\"key\":\"k\",\"requestId\":\"r\",\"requestId\":\"s\"}", "duplicate field requestId"),
                bad("{\"key\":\"k\",\"requestId\":\"r\",\"context\":0.3}", "context must be an array, found a decimal number"),
                bad("{\"key\":\"k\",\"requestId\":\"r\",\"context\":[0.3,\"x\"]}", "context[1] is not a number (found a string)"),
                bad("{\"key\":\"k\",\"requestId\":\"r\",\"context\":[NaN]}", "context[0] is not finite (NaN)"),
                bad("{\"key\":\"k\",\"requestId\":\"r\",\"context\":[1e999]}", "context[0] overflows a double"));
    }

    static Stream<Arguments> corruptFeedback() {
        return Stream.of(
                bad("{\"requestId\":\"r\"}", "missing cost"),
                bad("{\"cost\":1}", "missing requestId"),
                bad("{\"requestId\":\"r\",\"cost\":\"high\"}", "cost is not a number (found a string)"),
                bad("{\"requestId\":\"r\",\"cost\":null}", "cost is not a number (found null)"),
                bad("{\"requestId\":\"r\",\"cost\":Infinity}", "cost is not finite (Infinity)"),
                bad("{\"requestId\":\"r\",\"cost\":-1e400}", "cost overflows a double"),
                bad("{\"requestId\":\"r\",\"cost\":1,\"cost\":2}", "duplicate field cost"),
                bad("{\"requestId\":\"\",\"cost\":1}", "requestId must be a non-empty string, found an empty one"),
                bad("\u0000{\u0000}", "not UTF-8"));
    }

    static Arguments bad(String json, String reason) {
        return Arguments.of(json, reason);
    }

    @ParameterizedTest
    @MethodSource("corruptRequests")
    void corruptRequestsAreRejectedWithTheirReason(String json, String reason) {
        assertThatThrownBy(() -> codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), ORIGIN, 5))
                .isInstanceOf(RejectedRecordException.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest
    @MethodSource("corruptFeedback")
    void corruptFeedbackIsRejectedWithItsReason(String json, String reason) {
        assertThatThrownBy(() -> codec.decodeFeedback(json.getBytes(StandardCharsets.UTF_8), ORIGIN, 5))
                .isInstanceOf(RejectedRecordException.class).hasMessageStartingWith(reason);
    }

    @Test
    void goodRecordsDecodeWithTheirTimestampAndUnknownFieldsIgnored() {
        DecisionEvent r = codec.decodeRequest("{\"key\":\"solver-1\",\"requestId\":\"r1\",\"context\":[0.25,-1],\"extra\":{\"a\":[1]}}"
                .getBytes(StandardCharsets.UTF_8), ORIGIN, 1234);
        assertThat(r.isRequest()).isTrue();
        assertThat(r.key).isEqualTo("solver-1");
        assertThat(r.requestId).isEqualTo("r1");
        assertThat(r.context).containsExactly(0.25, -1.0);
        assertThat(r.ts).isEqualTo(1234);
        assertThat(r.origin).isSameAs(ORIGIN);
        assertThat(codec.decodeRequest("{\"key\":\"k\",\"requestId\":\"r\",\"context\":null}".getBytes(StandardCharsets.UTF_8), ORIGIN, 1).context)
                .isNull();
        // a key in a feedback record is not part of the contract: ignored, the router supplies the key
        DecisionEvent f = codec.decodeFeedback("{\"requestId\":\"r1\",\"cost\":0.75,\"key\":\"other\"}".getBytes(StandardCharsets.UTF_8), ORIGIN, 99);
        assertThat(f.isRequest()).isFalse();
        assertThat(f.key).isNull();
        assertThat(f.cost).isEqualTo(0.75);
        assertThat(f.ts).isEqualTo(99);
    }

    @Test
    void decisionsRoundTripAndMetricsAreReadableAsForecastMetrics() {
        Decision d = new Decision("k\"1", "r1", "b", 0.125, 5);
        Decision back = codec.decodeDecision(codec.encode(d));
        assertThat(back.key).isEqualTo("k\"1");
        assertThat(back.requestId).isEqualTo("r1");
        assertThat(back.arm).isEqualTo("b");
        assertThat(back.probability).isEqualTo(0.125);

        DecisionMetrics m = new DecisionMetrics();
        m.key = "k";
        m.policy = "exp3";
        m.count = 10;
        m.cumulativeCost = 3.5;
        m.regret = 1.5;
        m.regretPerStep = 0.15;
        m.bestArm = "a";
        m.arms = new String[] {"a", "b"};
        m.pulls = new long[] {7, 3};
        m.meanCost = new double[] {0.2, Double.NaN};
        m.probabilities = new double[] {0.9, 0.1};
        byte[] json = codec.encode(m);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"kind\":\"decision\"", "\"meanCost\":[0.2,null]", "\"pulls\":[7,3]");
        var asForecastMetrics = new SampleCodec().decodeMetrics(json);
        assertThat(asForecastMetrics.model).isEqualTo("bandit");
        assertThat(asForecastMetrics.count).isEqualTo(10);
        assertThat(asForecastMetrics.regret).isEqualTo(1.5);
        assertThat(asForecastMetrics.cumulativeLoss).isEqualTo(3.5);
        assertThat(asForecastMetrics.bestModel).isEqualTo("a");
    }

    @Test
    void mutatedRecordsNeverEscapeAsAnythingButARejectOrAGoodEvent() {
        byte[] good = "{\"key\":\"solver-1\",\"requestId\":\"r1\",\"context\":[0.25,-1]}".getBytes(StandardCharsets.UTF_8);
        byte[] goodFb = "{\"requestId\":\"r1\",\"cost\":0.75}".getBytes(StandardCharsets.UTF_8);
        SplittableRandom rnd = new SplittableRandom(11);
        int rejected = 0;
        for (int i = 0; i < 5000; i++) {
            for (boolean request : new boolean[] {true, false}) {
                byte[] b = (request ? good : goodFb).clone();
                int edits = 1 + rnd.nextInt(3);
                for (int k = 0; k < edits; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                try {
                    DecisionEvent e = request ? codec.decodeRequest(b, ORIGIN, 1) : codec.decodeFeedback(b, ORIGIN, 1);
                    assertThat(e.requestId).isNotBlank();
                    if (request) assertThat(e.key).isNotBlank();
                    else assertThat(e.cost).isFinite();
                } catch (RejectedRecordException ex) {
                    assertThat(ex.getMessage()).isNotBlank();
                    rejected++;
                }
            }
        }
        assertThat(rejected).isGreaterThan(1000);
    }
}
