package io.tidecast.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleCodecRoundTripTest {
    private final SampleCodec codec = new SampleCodec();

    @Test
    void sampleRoundTripsExactly() {
        Sample s = new Sample("seq1", 1336650000117L, new double[] {-490.7, 0.1 + 0.2, Double.MIN_VALUE, -0.0, 1e300});
        assertThat(text(codec.encode(s)))
                .isEqualTo("{\"key\":\"seq1\",\"ts\":1336650000117,\"values\":[-490.7,0.30000000000000004,4.9E-324,-0.0,1.0E300]}");
        assertThat(codec.decode(codec.encode(s), null)).isEqualTo(s);
    }

    @Test
    void sampleWithGroupsContextAndUnicodeRoundTrips() {
        Sample s = new Sample("patient \"7\" \u00e9\u6f22\ud83d\ude00", Long.MIN_VALUE, new double[] {3});
        s.groups = new String[] {"smoker", "age>50", ""};
        s.context = new double[] {0.5, -1};
        Sample back = codec.decode(codec.encode(s), new RecordOrigin("t", 0, 1));
        assertThat(back).isEqualTo(s);
        assertThat(back.groups).containsExactly("smoker", "age>50", "");
    }

    @Test
    void randomSamplesRoundTripBitForBit() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            double[] v = new double[1 + rnd.nextInt(12)];
            for (int j = 0; j < v.length; j++) {
                v[j] = Double.longBitsToDouble(rnd.nextLong());
                if (!Double.isFinite(v[j])) {
                    v[j] = rnd.nextDouble() * 1e6 - 5e5;
                }
            }
            Sample s = new Sample("k" + rnd.nextInt(100), rnd.nextLong(), v);
            assertThat(codec.decode(codec.encode(s), null)).isEqualTo(s);
        }
    }

    @Test
    void encoderReusesItsBufferWithoutLeakingPreviousRecords() {
        byte[] first = codec.encode(new Sample("a-long-key-with-many-characters", 1, new double[50]));
        byte[] second = codec.encode(new Sample("b", 2, new double[] {1}));
        assertThat(text(second)).isEqualTo("{\"key\":\"b\",\"ts\":2,\"values\":[1.0]}");
        assertThat(text(first)).startsWith("{\"key\":\"a-long-key");
    }

    @Test
    void encoderRecoversAfterAFailedWrite() {
        MetricsRecord broken = new MetricsRecord(); // all defaults: nulls and zeros
        broken.key = "k";
        // a null sample fails after the generator has opened the object
        assertThatThrownBy(() -> codec.encode((Sample) null)).isInstanceOf(NullPointerException.class);
        assertThat(text(codec.encode(new Sample("b", 2, new double[] {1})))).isEqualTo("{\"key\":\"b\",\"ts\":2,\"values\":[1.0]}");
        assertThat(codec.decodeMetrics(codec.encode(broken)).key).isEqualTo("k");
    }

    @Test
    void forecastRoundTrips() {
        Forecast f = new Forecast("seq3", "rtrl", 1000, 300, 1300, new double[] {1.5, -2.25, 0});
        assertThat(text(codec.encode(f))).isEqualTo(
                "{\"key\":\"seq3\",\"model\":\"rtrl\",\"ts\":1000,\"horizonMs\":300,\"targetTs\":1300,\"values\":[1.5,-2.25,0.0]}");
        assertThat(codec.decodeForecast(codec.encode(f))).isEqualTo(f);
    }

    @Test
    void forecastWithNonFiniteValuesWritesNullAndReadsNaN() {
        Forecast f = new Forecast("k", "lms", 1, 100, 101, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 2});
        assertThat(text(codec.encode(f))).contains("\"values\":[null,null,2.0]");
        assertThat(codec.decodeForecast(codec.encode(f)).values).containsExactly(Double.NaN, Double.NaN, 2);
    }

    @Test
    void metricsRoundTripWithAllFields() {
        MetricsRecord m = metrics();
        m.weight = 0.25;
        m.regret = -1.5;
        m.regretPerStep = -0.001;
        m.cumulativeLoss = 12.5;
        m.bestModel = "rls";
        MetricsRecord back = codec.decodeMetrics(codec.encode(m));
        assertThat(back).usingRecursiveComparison().isEqualTo(m);
        assertThat(text(codec.encode(m))).isEqualTo("{\"key\":\"seq1\",\"model\":\"ols\",\"horizonMs\":500,"
                + "\"ts\":1336650000117,\"scope\":\"window\",\"last\":true,\"count\":1234,\"mae\":0.5,\"rmse\":0.75,"
                + "\"nrmse\":0.125,\"maxError\":3.0,\"jitter\":0.01,\"weight\":0.25,\"regret\":-1.5,\"regretPerStep\":-0.001,"
                + "\"cumulativeLoss\":12.5,\"bestModel\":\"rls\",\"bestLoss\":null,\"weights\":null,\"group\":null}");
    }

    @Test
    void ensembleMetricsRoundTripWithWeightsAndGroup() {
        MetricsRecord m = metrics();
        m.model = "lms-search";
        m.regret = 2.0;
        m.cumulativeLoss = 14.5;
        m.bestLoss = 12.5;
        m.bestModel = "lms[eta=0.001]";
        m.members = new String[] {"lms[eta=0.001]", "lms[eta=0.01]"};
        m.weights = new double[] {0.75, 0.25};
        m.group = "smoker";
        String json = text(codec.encode(m));
        assertThat(json).endsWith("\"bestModel\":\"lms[eta=0.001]\",\"bestLoss\":12.5,"
                + "\"weights\":{\"lms[eta=0.001]\":0.75,\"lms[eta=0.01]\":0.25},\"group\":\"smoker\"}");
        MetricsRecord back = codec.decodeMetrics(codec.encode(m));
        assertThat(back).usingRecursiveComparison().isEqualTo(m);
        assertThatThrownBy(() -> codec.decodeMetrics(bytes("{\"weights\":[1,2]}"))).hasMessageContaining("weights must be an object");
    }

    @Test
    void metricsWriteNullForAbsentWeightRegretAndNonFiniteStatistics() {
        MetricsRecord m = metrics();
        m.nrmse = Double.NaN;
        m.maxError = Double.NEGATIVE_INFINITY;
        String json = text(codec.encode(m));
        assertThat(json).contains("\"nrmse\":null", "\"maxError\":null", "\"weight\":null", "\"regret\":null");
        MetricsRecord back = codec.decodeMetrics(codec.encode(m));
        assertThat(back.nrmse).isNaN();
        assertThat(back.maxError).isNaN();
        assertThat(back.weight).isNull();
        assertThat(back.regret).isNull();
        assertThat(back.mae).isEqualTo(0.5);
        assertThat(back.last).isTrue();
    }

    @Test
    void rejectRoundTripsIncludingARawPayloadThatNeedsEscaping() {
        Reject r = Reject.of(RejectCode.WRONG_TYPE, "values[1] is not a number (found null)", new RecordOrigin("tidecast.samples", 3, 77),
                "{\"key\":\"x\",\"values\":[1,null]}\n\u0000\u00ff");
        assertThat(text(codec.encode(r))).startsWith("{\"code\":\"wrong-type\",\"reason\":\"values[1] is not a number (found null)\","
                + "\"topic\":\"tidecast.samples\",\"partition\":3,\"offset\":77,\"raw\":\"{\\\"key\\\"");
        assertThat(codec.decodeReject(codec.encode(r))).usingRecursiveComparison().isEqualTo(r);
        Reject noOrigin = Reject.of(RejectCode.NOT_JSON, "empty record", null, "");
        assertThat(codec.decodeReject(codec.encode(noOrigin))).usingRecursiveComparison().isEqualTo(noOrigin);
    }

    @Test
    void outputDecodersRejectMalformedRecordsWithAReason() {
        assertThatThrownBy(() -> codec.decodeForecast(bytes("{\"key\":\"k\",\"ts\":\"1\"}")))
                .isInstanceOf(RejectedRecordException.class).hasMessage("ts must be an integer, found a string");
        assertThatThrownBy(() -> codec.decodeForecast(bytes("{\"values\":[1,\"x\"]}")))
                .hasMessage("values[1] is not a number (found a string)");
        assertThatThrownBy(() -> codec.decodeMetrics(bytes("{\"last\":1}")))
                .hasMessage("last must be true or false, found an integer");
        assertThatThrownBy(() -> codec.decodeMetrics(bytes("{\"rmse\":\"high\"}")))
                .hasMessage("rmse is not a number (found a string)");
        assertThatThrownBy(() -> codec.decodeMetrics(bytes("[]"))).hasMessage("not a JSON object (found an array)");
        assertThatThrownBy(() -> codec.decodeReject(bytes("{\"reason\":5}"))).hasMessage("reason must be a string, found an integer");
        assertThatThrownBy(() -> codec.decodeReject(bytes("{\"raw\":\"x\"")))
                .hasMessageStartingWith("not valid JSON");
    }

    private static MetricsRecord metrics() {
        MetricsRecord m = new MetricsRecord();
        m.key = "seq1";
        m.model = "ols";
        m.horizonMs = 500;
        m.ts = 1336650000117L;
        m.scope = "window";
        m.last = true;
        m.count = 1234;
        m.mae = 0.5;
        m.rmse = 0.75;
        m.nrmse = 0.125;
        m.maxError = 3;
        m.jitter = 0.01;
        return m;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
