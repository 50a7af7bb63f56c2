package io.tidecast.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench pipeline --quick} on a real broker and MiniCluster: correctness only (it runs, counts match, json). */
class PipelineBenchQuickTest {
    @Test
    void quickRunCommitsEveryExpectedForecastAndWritesTheReport(@TempDir Path out) throws Exception {
        int rc = new CommandLine(new PipelineCommand()).execute("--quick", "--keys", "4", "--duration", "2", "--warmup", "25",
                "--learners", "lms,rls", "--checkpoint-interval", "200", "--latency-samples", "--out", out.toString());
        assertThat(rc).isZero();
        JsonNode r = new ObjectMapper().readTree(Files.readString(out.resolve("bench.json")));
        for (String p : new String[] {"identity", "learners"}) {
            JsonNode x = r.get(p);
            assertThat(x.get("expectedThroughput").asLong()).as(p).isPositive();
            assertThat(x.get("committedThroughput").asLong()).as(p).isEqualTo(x.get("expectedThroughput").asLong());
            assertThat(x.get("committedLatency").asLong()).as(p).isEqualTo(x.get("expectedLatency").asLong());
            assertThat(x.get("latencyCount").asLong()).as(p).isPositive();
        }
        // identity: 2 models x 3 horizons echoes of every sample (4 keys x (25 warm-up + 20)); learners: 6 forecasts per
        // sample from the last warm-up one
        assertThat(r.get("identity").get("expectedThroughput").asLong()).isEqualTo(4 * 45 * 6);
        assertThat(r.get("learners").get("expectedThroughput").asLong()).isEqualTo(4L * 21 * 6);
        assertThat(r.get("learners").get("stateBytesPerKey").asDouble()).isPositive();
        assertThat(r.get("computeBound").get("samplesPerSecond").asDouble()).isPositive();

        // every completed checkpoint of the latency runs, part by part, and every timed forecast in a CSV
        for (String p : new String[] {"identity", "learners"}) {
            JsonNode x = r.get(p);
            JsonNode cps = x.get("checkpoints");
            assertThat(cps.size()).as(p).isPositive();
            for (JsonNode c : cps) {
                assertThat(c.get("lastAckMs").asLong()).as(p).isGreaterThanOrEqualTo(c.get("triggerMs").asLong());
                double parts = c.get("startDelay").asDouble() + c.get("alignment").asDouble() + c.get("sync").asDouble() + c.get("async").asDouble();
                assertThat(parts).as(p).isLessThanOrEqualTo(c.get("endToEnd").asDouble());
            }
            assertThat(x.get("checkpointBreakdown").get("ackToFirstReadable").get(0).asDouble()).as(p).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(x.get("asyncCpuMsPerCheckpoint").asDouble()).as(p).isGreaterThanOrEqualTo(0);
            Path csv = out.resolve("latency-" + x.get("pipeline").asText() + ".csv");
            assertThat(Files.readAllLines(csv)).as(p).hasSize(1 + (int) x.get("latencyCount").asLong());
        }
    }

    @Test
    void theLatencyReaderFindsTheKeyFromTheMessageKeyAndTheSampleFromTheForecastTs() {
        for (int k : new int[] {0, 7, 999, 123456}) {
            assertThat(LoadProducer.keyIndex(LoadProducer.key(k).getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(k);
        }
        var codec = new io.tidecast.connectors.json.SampleCodec();
        long ts = LoadProducer.T0 + 12_300;
        byte[] f = codec.encode(new io.tidecast.records.Forecast("k000042", "lms", ts, 500, ts + 500, new double[] {1.5, Double.NaN}));
        assertThat(codec.peekTimestamp(f)).isEqualTo(ts);
    }

    @Test
    void aBadOptionIsOneLineAndExitCodeTwo() {
        var err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new PipelineCommand());
        cl.setErr(new java.io.PrintWriter(err));
        assertThat(cl.execute("--state", "leveldb")).isEqualTo(2);
        assertThat(err.toString()).contains("--state must be hashmap or rocksdb");
    }
}
