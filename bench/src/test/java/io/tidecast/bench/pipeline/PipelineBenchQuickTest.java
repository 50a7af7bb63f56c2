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
        int rc = new CommandLine(new PipelineCommand()).execute("--quick", "--keys", "4", "--duration", "2", "--warmup", "25", "--jit-warmup", "0.5",
                "--learners", "lms,rls", "--checkpoint-interval", "200", "--latency-samples", "--min-window", "0.5", "--out", out.toString());
        assertThat(rc).isZero();
        JsonNode r = new ObjectMapper().readTree(Files.readString(out.resolve("bench.json")));
        for (String p : new String[] {"identity", "learners"}) {
            JsonNode x = r.get(p);
            assertThat(x.get("expectedThroughput").asLong()).as(p).isPositive();
            // recounted from the measured run's topic after the job: a warm-up pass's outputs there would show
            assertThat(x.get("committedThroughput").asLong()).as(p).isEqualTo(x.get("expectedThroughput").asLong());
            assertThat(x.get("committedLatency").asLong()).as(p).isEqualTo(x.get("expectedLatency").asLong());
            assertThat(x.get("latencyCount").asLong()).as(p).isPositive();
        }
        // identity: 2 models x 3 horizons echoes of every sample (4 keys x (25 warm-up + n)); learners: 6 forecasts per
        // sample from the last warm-up one. --min-window made the measured runs longer than --duration's 20 samples per key,
        // so that their windows last 0.5 s at the warm-up passes' rate; the warm-up passes keep --duration's size
        // (how much longer depends on this machine's speed: the sizing itself is checked below, here its use)
        long nIdentity = r.get("identity").get("throughputSamplesPerKey").asLong();
        long nLearners = r.get("learners").get("throughputSamplesPerKey").asLong();
        assertThat(nIdentity).isEqualTo(PipelineBench.measuredSamplesPerKey(4, 0.5, 20, 25, true,
                r.get("identity").get("jitWarmupLastSamplesPerSecond").asDouble()));
        assertThat(nLearners).isEqualTo(PipelineBench.measuredSamplesPerKey(4, 0.5, 20, 25, false,
                r.get("learners").get("jitWarmupLastSamplesPerSecond").asDouble()));
        assertThat(r.get("identity").get("expectedThroughput").asLong()).isEqualTo(4 * (25 + nIdentity) * 6);
        assertThat(r.get("learners").get("expectedThroughput").asLong()).isEqualTo(4 * (nLearners + 1) * 6);
        assertThat(r.get("settings").get("minWindowSeconds").asDouble()).isEqualTo(0.5);
        assertThat(r.get("learners").get("stateBytesPerKey").asDouble()).isPositive();

        // before each measured throughput run, whole unmeasured passes of the same pipeline warm the JIT up: they ran
        // (at least one), every output of theirs was committed to their own topics, and
        // none of it is in the measured counts above
        assertThat(r.get("settings").get("jitWarmupSeconds").asDouble()).isEqualTo(0.5);
        for (String p : new String[] {"identity", "learners"}) {
            JsonNode x = r.get(p);
            int passes = x.get("jitWarmupPasses").asInt();
            assertThat(passes).as(p).isPositive();
            assertThat(x.get("jitWarmupSeconds").asDouble()).as(p).isPositive();
            long passOutputs = p.equals("identity") ? 4 * 45 * 6 : 4L * 21 * 6;
            assertThat(x.get("jitWarmupOutputs").asLong()).as(p).isEqualTo(passes * passOutputs);
            assertThat(x.get("jitWarmupLastSamplesPerSecond").asDouble()).as(p).isPositive();
            assertThat(x.get("jitWarmupPassShares").size()).as(p).isEqualTo(passes);
            assertThat(x.get("jitWarmupEndEpochMs").asLong()).as(p).isPositive();
            assertThat(x.get("throughputFirstReadableEpochMs").asLong()).as(p).isGreaterThan(x.get("jitWarmupEndEpochMs").asLong());
            // a tiny run's outputs may be read in one or two polls: a window without measurable CPU has no share
            if (Files.isDirectory(Path.of("/proc/self/task")) && x.get("cpuMicrosPerSample").asDouble() > 0) {
                assertThat(x.get("jitCpuShare").asDouble()).as(p).isBetween(0.0, 1.0);
                assertThat(x.get("jitCpuMicrosPerSample").asDouble()).as(p).isGreaterThanOrEqualTo(0)
                        .isLessThanOrEqualTo(x.get("cpuMicrosPerSample").asDouble());
            }
        }
        assertThat(r.get("computeBound").get("samplesPerSecond").asDouble()).isPositive();
        // the ceiling where identity's cost and the learners' compute simply add (a run this short may not time identity)
        assertThat(r.has("additiveCeilingSamplesPerSecond") && r.has("ratioToAdditiveCeiling")).isTrue();

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
    void theAdditiveCeilingCombinesTheTwoRatesHarmonically() {
        // identity 20 µs and learners 10 µs per sample on the same cores: 30 µs, 33,333 samples/s
        assertThat(PipelineBench.additiveCeiling(50_000, 100_000)).isCloseTo(100_000 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(PipelineBench.additiveCeiling(80_000, Double.POSITIVE_INFINITY)).isEqualTo(80_000);
    }

    @Test
    void theMeasuredRunIsSizedForTheMinimumWindowAtTheWarmRate() {
        // 250,000 samples/s over 1,000 keys for a 10 s window covering 87 % of the outputs: 2,874 samples per key, of
        // which identity's 50 warm-up samples are part
        assertThat(PipelineBench.measuredSamplesPerKey(1000, 10, 600, 50, false, 250_000)).isEqualTo(2874);
        assertThat(PipelineBench.measuredSamplesPerKey(1000, 10, 600, 50, true, 250_000)).isEqualTo(2824);
        // never fewer than --duration gives; off, or no warm-up rate: --duration alone
        assertThat(PipelineBench.measuredSamplesPerKey(1000, 10, 600, 50, false, 20_000)).isEqualTo(600);
        assertThat(PipelineBench.measuredSamplesPerKey(1000, 0, 600, 50, false, 250_000)).isEqualTo(600);
        assertThat(PipelineBench.measuredSamplesPerKey(1000, 10, 600, 50, false, Double.NaN)).isEqualTo(600);
        // a capped total: 20 million samples at most
        assertThat(PipelineBench.measuredSamplesPerKey(10, 1000, 600, 50, false, 1e9)).isEqualTo(20_000_000 / 10 - 50);
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
        assertThat(cl.execute("--jit-warmup", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--jit-warmup must be at least 0 s");
        assertThat(cl.execute("--min-window", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--min-window must be at least 0 s");
    }

    @Test
    void theJitMeterFindsTheCompilerThreadsAndNeverGoesBackwards() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        JitCpu jit = new JitCpu();
        double first = jit.nanos();
        // by now this JVM has compiled JUnit, AssertJ and the JDK's hot paths: the compiler threads have used CPU
        assertThat(first).isPositive();
        double sum = 0;
        for (int i = 0; i < 2_000_000; i++) sum += Math.sqrt(i) * (i % 7);
        assertThat(sum).isPositive();
        assertThat(jit.nanos()).isGreaterThanOrEqualTo(first);
    }
}
