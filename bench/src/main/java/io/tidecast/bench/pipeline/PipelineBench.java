package io.tidecast.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidecast.jobs.ForecastJob;
import io.tidecast.jobs.cluster.FlinkRest;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.operators.ForecastConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code tidecast bench pipeline}: the whole pipeline as users run it, on an embedded broker and MiniCluster. For
 * the identity pipeline (the practical limit) and then the configured learners, a <b>throughput</b> run (the topic
 * pre-filled, the job reads it as fast as it can; rate between two commit instants after every key is warm) and a
 * <b>latency</b> run (samples paced at the keys' rate, time from handing a sample to Kafka to its forecast being
 * readable by a {@code read_committed} consumer), plus the per-key state read off the newest checkpoint.
 */
public final class PipelineBench {
    private final PipelineSettings s;
    private final PrintStream log;
    private int runs;

    public PipelineBench(PipelineSettings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
    }

    /** One pipeline's figures. */
    public static final class Result {
        public String pipeline;
        public int outputsPerSample;
        public long expectedThroughput;
        public long committedThroughput;
        public double samplesPerSecond = Double.NaN;
        public double forecastsPerSecond = Double.NaN;
        /**
         * CPU time of this whole JVM (job, broker, bench reader) per sample over the window of the rate: on a shared
         * machine a fairer comparison of two builds than the rate, which depends on the CPU share the JVM won.
         */
        public double cpuMicrosPerSample = Double.NaN;
        /** Wall time of the unmeasured warm-up passes before the throughput run ({@code --jit-warmup}), and how many. */
        public double jitWarmupSeconds = Double.NaN;
        public int jitWarmupPasses;
        /** Outputs the warm-up passes committed (to their own topics; not in {@link #committedThroughput}). */
        public long jitWarmupOutputs;
        /** The JIT compiler threads' share of the JVM's CPU in each warm-up pass's window: how far the JIT had settled. */
        public List<Double> jitWarmupPassShares;
        /** Epoch ms when the last warm-up pass had finished, and when the measured run's first output became readable. */
        public long jitWarmupEndEpochMs = -1;
        public long throughputFirstReadableEpochMs = -1;
        /** The JIT compiler threads' CPU over the measured window: share of the whole JVM's, and µs per sample. */
        public double jitCpuShare = Double.NaN;
        public double jitCpuMicrosPerSample = Double.NaN;
        /** Length of the throughput run's measured window: under exactly-once it holds one commit per checkpoint interval. */
        public double throughputWindowSeconds = Double.NaN;
        /** Samples per key after the warm-up in the measured throughput run: {@code --duration}'s, or more for {@code --min-window}. */
        public long throughputSamplesPerKey;
        /** The last warm-up pass's rate, samples/s: what sizes the measured run for {@code --min-window}. */
        public double jitWarmupLastSamplesPerSecond = Double.NaN;
        public long expectedLatency;
        public long committedLatency;
        public long latencyCount;
        public double latencyP50Ms = Double.NaN;
        public double latencyP99Ms = Double.NaN;
        public double latencyMaxMs = Double.NaN;
        public long checkpointBytes = -1;
        public double stateBytesPerKey = Double.NaN;
        /** Completed checkpoints of the latency run and their end-to-end durations (trigger to acknowledged by all). */
        public long checkpointsCompleted;
        public double checkpointP50Ms = Double.NaN;
        public double checkpointMaxMs = Double.NaN;
        /** Of the newest completed checkpoint: the slowest subtask's synchronous and asynchronous snapshot parts. */
        public double lastCheckpointSyncMs = Double.NaN;
        public double lastCheckpointAsyncMs = Double.NaN;
        /** Of the newest completed checkpoint, slowest subtask: trigger to barrier arrival, and barrier alignment. */
        public double lastCheckpointStartDelayMs = Double.NaN;
        public double lastCheckpointAlignmentMs = Double.NaN;
        /**
         * Over the latency run's checkpoints, p50 / p90 / max ms of: end-to-end duration; the slowest subtask's barrier
         * delay, alignment, sync, async and the rest; last acknowledgement to the reader's first and last outputs.
         */
        public Map<String, double[]> checkpointBreakdown;
        /** The latency run's completed checkpoints, one by one (ms; epoch ms for the timestamps). */
        public List<CheckpointBreakdown.Checkpoint> checkpoints;
        /**
         * CPU time of the job's asynchronous snapshot threads (all subtasks) per completed checkpoint: what the async
         * part costs, apart from how long it waited for a core or the disk.
         */
        public double asyncCpuMsPerCheckpoint = Double.NaN;
    }

    public Map<String, Object> run() throws Exception {
        LoadSignal signal = s.source().equals("extmarker") ? LoadSignal.extMarker(s.extMarkerDir())
                : LoadSignal.breathing(s.keys(), s.rateHz(), s.seed());
        JobConfig learnerCfg = config(signal.dim());
        ForecastConfig fc = learnerCfg.forecastConfig();
        int cores = Math.min(s.parallelism(), Runtime.getRuntime().availableProcessors());
        log.printf("compute-bound: timing one online step of each learner (%s)...%n", s.learners());
        ComputeBound bound = ComputeBound.measure(fc.learners, signal.dim(), fc.horizonsMs.length, s.rateHz(), s.keys() <= 20 ? 150 : 600);

        Result identity;
        Result learners;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            int outputs = fc.modelNames().size() * fc.horizonsMs.length;
            identity = measure(kafka, "identity", signal, outputs, true);
            learners = measure(kafka, String.join("+", s.learners()), signal, outputs, false);
        }
        double computeRate = bound.samplesPerSecond(cores);
        double limit = Math.min(identity.samplesPerSecond, computeRate);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("settings", settings(cores));
        report.put("identity", identity);
        report.put("learners", learners);
        Map<String, Object> cb = new LinkedHashMap<>();
        cb.put("nanosPerStep", bound.nanosPerStep);
        cb.put("nanosPerSharedCovarianceStep", bound.nanosPerSharedStep);
        cb.put("nanosPerSharedNetworkStep", bound.nanosPerNetworkStep);
        cb.put("horizons", fc.horizonsMs.length);
        cb.put("nanosPerSample", bound.nanosPerSample);
        cb.put("cores", cores);
        cb.put("samplesPerSecond", computeRate);
        report.put("computeBound", cb);
        report.put("limitSamplesPerSecond", limit);
        report.put("ratio", learners.samplesPerSecond / limit);
        double additive = additiveCeiling(identity.samplesPerSecond, computeRate);
        report.put("additiveCeilingSamplesPerSecond", additive);
        report.put("ratioToAdditiveCeiling", learners.samplesPerSecond / additive);
        return report;
    }

    /**
     * The most a learner pipeline could sustain if its cost per sample were the identity pipeline's plus the learners'
     * in-cache compute and nothing else: the two costs add on the same cores, so the rates combine harmonically. The
     * issue's limit is the lower of the two rates, which no pipeline that does both can reach once they are comparable.
     */
    static double additiveCeiling(double identityRate, double computeRate) {
        return 1.0 / (1.0 / identityRate + 1.0 / computeRate);
    }

    private Map<String, Object> settings(int cores) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", s.keys());
        m.put("rateHz", s.rateHz());
        m.put("durationSeconds", s.durationSeconds());
        m.put("learners", s.learners());
        m.put("history", s.history());
        m.put("horizonsMs", s.horizonsMs());
        m.put("warmupSamples", s.warmupSamples());
        m.put("jitWarmupSeconds", s.jitWarmupSeconds());
        m.put("minWindowSeconds", s.minWindowSeconds());
        m.put("checkpointIntervalMs", s.checkpointIntervalMs());
        m.put("state", s.stateBackend());
        m.put("sink", s.atLeastOnce() ? "at-least-once" : "exactly-once");
        m.put("parallelism", s.parallelism());
        m.put("coresUsedForBound", cores);
        m.put("machineCpus", Runtime.getRuntime().availableProcessors());
        JobConfig.Job job = config(9).job;
        m.put("bufferTimeoutMs", job.bufferTimeout());
        m.put("sinkLingerMs", job.sinkLinger());
        m.put("unalignedCheckpoints", s.unalignedCheckpoints());
        m.put("checkpointDir", s.checkpointDir() == null ? System.getProperty("java.io.tmpdir") : s.checkpointDir().toString());
        m.put("source", s.source());
        m.put("flink", s.flink());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    JobConfig config(int dim) {
        JobConfig c = JobConfig.defaults();
        c.job.parallelism = s.parallelism();
        c.job.checkpointIntervalMs = s.checkpointIntervalMs();
        c.job.exactlyOnce = !s.atLeastOnce();
        c.job.bufferTimeoutMs = s.bufferTimeoutMs();
        c.job.sinkLingerMs = s.sinkLingerMs();
        c.forecast.samplePeriodMs = 1000.0 / s.rateHz();
        c.forecast.horizonsMs = new ArrayList<>(s.horizonsMs());
        c.forecast.warmupSamples = s.warmupSamples();
        c.forecast.ensemble = "none";
        c.forecast.learners = new ArrayList<>();
        for (String entry : s.learners()) {
            // KIND or KIND:PARAM=VALUE[:PARAM=VALUE...], e.g. rnn-snap1:shareHorizons=1, named like a search's grid point
            String[] parts = entry.split(":");
            String kind = parts[0];
            JobConfig.Learner l = new JobConfig.Learner();
            l.kind = kind;
            l.name = parts.length == 1 ? kind : kind + "[" + String.join(",", java.util.Arrays.copyOfRange(parts, 1, parts.length)) + "]";
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length != 2) throw new IllegalArgumentException("--learners: '" + entry + "': a parameter is PARAM=VALUE");
                if (l.params == null) l.params = new java.util.LinkedHashMap<>();
                l.params.put(kv[0], Double.parseDouble(kv[1]));
            }
            l.history = kind.equals("last") ? 1 : s.history();
            c.forecast.learners.add(l);
        }
        c.forecast.pointDims = dim % 3 == 0 ? 3 : 1;
        return c;
    }

    private Result measure(EmbeddedKafka kafka, String name, LoadSignal signal, int outputsPerSample, boolean identity) throws Exception {
        Result r = new Result();
        r.pipeline = name;
        identityCopies = outputsPerSample;
        r.outputsPerSample = outputsPerSample;
        int w = s.warmupSamples();
        int steady = s.steadySamples();
        if (s.throughput()) {
            jitWarmup(kafka, r, signal, identity, steady);
            int measured = measuredSamplesPerKey(s.keys(), s.minWindowSeconds(), steady, w, identity, r.jitWarmupLastSamplesPerSecond);
            r.throughputSamplesPerKey = measured;
            if (measured > steady) {
                log.printf("%s throughput: %,d samples per key instead of %,d, for a measured window of at least %.0f s at the last "
                        + "warm-up pass's %,.0f samples/s (--min-window)%n", name, measured, steady, s.minWindowSeconds(), r.jitWarmupLastSamplesPerSecond);
            }
            Pass pass = throughputPass(kafka, name, "tp", signal, identity, measured, outputsPerSample);
            OutputWatcher watcher = pass.watcher;
            r.expectedThroughput = pass.expected;
            // recounted from the topic: exactly this run's outputs, none of a warm-up pass, none twice
            r.committedThroughput = OutputWatcher.countCommitted(kafka.bootstrapServers(), pass.topic);
            r.forecastsPerSecond = watcher.rate(WINDOW_FROM, WINDOW_TO);
            r.samplesPerSecond = r.forecastsPerSecond / outputsPerSample;
            r.cpuMicrosPerSample = watcher.cpuNanosPerForecast(WINDOW_FROM, WINDOW_TO) * outputsPerSample / 1000;
            r.jitCpuShare = watcher.jitShare(WINDOW_FROM, WINDOW_TO);
            r.throughputFirstReadableEpochMs = watcher.firstReadableEpochMs();
            r.throughputWindowSeconds = watcher.windowSeconds(WINDOW_FROM, WINDOW_TO);
            if (!(r.throughputWindowSeconds >= 3e-3 * s.checkpointIntervalMs())) {
                log.printf("%s throughput: the measured window is %.1f s, under 3 checkpoint intervals: outputs become readable in a "
                        + "few bursts (one per commit), so this rate is coarse; a larger --min-window measures it better%n", name, r.throughputWindowSeconds);
            }
            r.jitCpuMicrosPerSample = watcher.jitNanosPerForecast(WINDOW_FROM, WINDOW_TO) * outputsPerSample / 1000;
            log.printf("%s throughput: %,.0f samples/s (%,.0f forecasts/s) over %.1f s, %,d of %,d forecasts committed; %.1f CPU µs per "
                            + "sample, of which JIT compiler %.1f µs (%.0f %%)%n", name, r.samplesPerSecond, r.forecastsPerSecond, r.throughputWindowSeconds,
                    r.committedThroughput, r.expectedThroughput, r.cpuMicrosPerSample, r.jitCpuMicrosPerSample, 100 * r.jitCpuShare);
        }
        if (s.latency()) {
            JobConfig cfg = runConfig(kafka, signal.dim(), "lat");
            Path ckpt = checkpointDir();
            JobClient job = start(cfg, null, ckpt, identity, true);
            awaitRunning(job);
            long settle = Math.min(steady / 2, Math.round(s.rateHz()));
            long[] sent = new long[Math.multiplyExact(s.keys(), steady)];
            try (LoadProducer load = new LoadProducer(kafka.bootstrapServers(), cfg.topics.samples, signal, s.keys(), s.rateHz())) {
                long warmOutputs = (identity ? (long) w : 1L) * outputsPerSample * s.keys();
                r.expectedLatency = warmOutputs + (long) steady * s.keys() * outputsPerSample;
                OutputWatcher watcher = new OutputWatcher(kafka.bootstrapServers(), cfg.topics.forecasts, r.expectedLatency, load, sent, w,
                        w + steady, w + settle);
                if (s.latencySamples()) watcher.recordSamples();
                Thread t = new Thread(watcher, "bench-watcher");
                t.start();
                // the warm-up goes in at once; pacing starts when its forecasts are out, so its backlog is not timed
                load.burst(0, w);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (watcher.count() < warmOutputs && t.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
                log.printf("%s latency: pacing %d keys x %.4g Hz for %d s...%n", name, s.keys(), s.rateHz(), s.durationSeconds());
                load.paced(w, w + steady, sent);
                progressUntil(name + " latency", watcher, t, 60_000, job);
                r.checkpointBytes = newestCheckpointBytes(ckpt);
                checkpointStats(job, r);
                watcher.stop();
                t.join();
                checkpointBreakdown(job, r, watcher);
                if (watcher.failure() != null) throw new IllegalStateException("reader failed", watcher.failure());
                if (s.latencySamples()) {
                    Files.createDirectories(s.out());
                    Path csv = s.out().resolve("latency-" + name.replaceAll("[^A-Za-z0-9+.-]", "_") + ".csv");
                    watcher.writeSamples(csv);
                    log.printf("%s latency: every timed forecast in %s%n", name, csv);
                }
                r.committedLatency = watcher.count();
                r.latencyCount = watcher.latencyMicros.getTotalCount();
                if (r.latencyCount > 0) {
                    r.latencyP50Ms = watcher.latencyMicros.getValueAtPercentile(50) / 1000.0;
                    r.latencyP99Ms = watcher.latencyMicros.getValueAtPercentile(99) / 1000.0;
                    r.latencyMaxMs = watcher.latencyMicros.getMaxValue() / 1000.0;
                }
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
                deleteQuietly(ckpt);
            }
            if (r.checkpointBytes >= 0) r.stateBytesPerKey = r.checkpointBytes / (double) s.keys();
            log.printf("%s latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %,d forecasts; %,d of %,d committed; "
                            + "checkpoint %,d bytes (%,.0f per key); %d checkpoints, duration p50 %.0f ms, max %.0f ms "
                            + "(newest: barrier delay %.0f ms, alignment %.0f ms, sync %.0f ms, async %.0f ms)%n", name, r.latencyP50Ms, r.latencyP99Ms, r.latencyMaxMs,
                    r.latencyCount, r.committedLatency, r.expectedLatency, r.checkpointBytes, r.stateBytesPerKey,
                    r.checkpointsCompleted, r.checkpointP50Ms, r.checkpointMaxMs, r.lastCheckpointStartDelayMs, r.lastCheckpointAlignmentMs,
                    r.lastCheckpointSyncMs, r.lastCheckpointAsyncMs);
        }
        return r;
    }

    /**
     * One throughput job over a freshly filled topic of its own, read to the end; {@code wallSeconds} from the job's
     * start to its last output read, start-up included.
     */
    private record Pass(OutputWatcher watcher, long expected, String topic, List<String> topics, double wallSeconds) {}

    /**
     * The measured window of a throughput run: from the readability event at 10 % of its expected outputs to the last
     * before 97 %, so that start-up, warm-up and the final commit stay outside.
     */
    static final double WINDOW_FROM = 0.1, WINDOW_TO = 0.97;
    /** No measured run writes more samples than this (a few GB in the broker's log directory). */
    static final long MAX_MEASURED_SAMPLES = 20_000_000L;

    /**
     * Samples per key after the warm-up for the measured throughput run: {@code --duration}'s, or enough that its
     * measured window lasts {@code --min-window} seconds at the rate the last warm-up pass ran at. Under exactly-once the
     * outputs become readable once per commit, so a window of two or three commits (identity at 1,000 keys, 60 s)
     * gives a rate that is off by up to a commit's worth of outputs; the warm-up passes stay at {@code --duration}'s size.
     */
    static int measuredSamplesPerKey(int keys, double minWindowSeconds, int steady, int warmup, boolean identity, double warmSamplesPerSecond) {
        if (!(minWindowSeconds > 0) || !(warmSamplesPerSecond > 0)) return steady;
        double perKey = warmSamplesPerSecond * minWindowSeconds / (WINDOW_TO - WINDOW_FROM) / keys;
        // identity echoes the warm-up samples too: they are part of its outputs and its window
        long needed = (long) Math.ceil(identity ? perKey - warmup : perKey);
        long cap = Math.max(steady, MAX_MEASURED_SAMPLES / keys - warmup);
        return (int) Math.max(steady, Math.min(needed, cap));
    }

    private Pass throughputPass(EmbeddedKafka kafka, String name, String phase, LoadSignal signal, boolean identity, int steady,
            int outputsPerSample) throws Exception {
        int w = s.warmupSamples();
        // a key's first forecast is made from its last warm-up sample; the identity pipeline echoes every sample
        long perKeyOutputs = (identity ? (long) (w + steady) : (long) (steady + 1)) * outputsPerSample;
        JobConfig cfg = runConfig(kafka, signal.dim(), phase);
        String label = phase.equals("tp") ? "throughput" : "JIT warm-up";
        try (LoadProducer load = new LoadProducer(kafka.bootstrapServers(), cfg.topics.samples, signal, s.keys(), s.rateHz())) {
            log.printf("%s %s: writing %,d samples (%d keys x %d)...%n", name, label, (long) s.keys() * (w + steady), s.keys(), w + steady);
            load.burst(0, w + steady);
        }
        long expected = perKeyOutputs * s.keys();
        OutputWatcher watcher = new OutputWatcher(kafka.bootstrapServers(), cfg.topics.forecasts, expected, null, null, 0, 0, 0).meterJit(jit);
        Path ckpt = checkpointDir();
        long t0 = System.nanoTime();
        JobClient job = start(cfg, OffsetsInitializer.latest(), ckpt, identity, false);
        Thread t = new Thread(watcher, "bench-watcher");
        t.start();
        long timeoutMs = 120_000L + 1000L * Math.round(Math.max(s.durationSeconds(), s.minWindowSeconds())) * 20;
        progressUntil(name + " " + label, watcher, t, timeoutMs, job);
        watcher.stop();
        t.join();
        double wallSeconds = (System.nanoTime() - t0) / 1e9;
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        if (watcher.failure() != null) throw new IllegalStateException("reader failed", watcher.failure());
        deleteQuietly(ckpt);
        return new Pass(watcher, expected, cfg.topics.forecasts, cfg.topics.all(), wallSeconds);
    }

    /** A warm-up pass whose measured window gave the JIT compiler at most this share of the JVM's CPU ran on settled code. */
    static final double JIT_SETTLED_SHARE = 0.03;
    /** Settled passes in a row that end the warm-up early: one pass's share is noisy (a burst of compilations can follow). */
    static final int JIT_SETTLED_PASSES = 2;

    /**
     * The unmeasured warm-up before a throughput run, as JMH warms a benchmark up: whole throughput passes of the same
     * pipeline (same job, configuration and state backend, a topic of its own, this JVM) until the JIT has settled
     * ({@link #JIT_SETTLED_PASSES} passes in a row with the compiler threads at most {@link #JIT_SETTLED_SHARE} of the
     * CPU) or {@code --jit-warmup} seconds have passed, at least one pass. A job running for hours has long compiled the
     * Kafka client, broker, Flink and Tidecast code that a cold JVM compiles during its first minutes; on two cores that
     * compilation took a quarter of the CPU inside the measured window. The passes' outputs go to their own topics and
     * are never counted.
     */
    private void jitWarmup(EmbeddedKafka kafka, Result r, LoadSignal signal, boolean identity, int steady) throws Exception {
        r.jitWarmupPassShares = new ArrayList<>();
        long budget = Math.round(s.jitWarmupSeconds() * 1e9);
        if (budget <= 0) {
            r.jitWarmupSeconds = 0;
            return;
        }
        long t0 = System.nanoTime();
        int settled = 0;
        do {
            Pass pass = throughputPass(kafka, r.pipeline, "jit-warmup", signal, identity, steady, r.outputsPerSample);
            if (pass.watcher.count() != pass.expected) {
                throw new IllegalStateException(r.pipeline + " warm-up pass committed " + pass.watcher.count() + " of " + pass.expected + " outputs");
            }
            // a few dozen passes would otherwise leave gigabytes of samples and outputs in the broker's log directory
            try (var admin = kafka.admin()) {
                admin.deleteTopics(pass.topics).all().get(60, TimeUnit.SECONDS);
            }
            r.jitWarmupPasses++;
            r.jitWarmupOutputs += pass.watcher.count();
            double share = pass.watcher.jitShare(WINDOW_FROM, WINDOW_TO);
            r.jitWarmupPassShares.add(share);
            settled = share <= JIT_SETTLED_SHARE ? settled + 1 : 0;
            double rate = pass.watcher.rate(WINDOW_FROM, WINDOW_TO) / r.outputsPerSample;
            // a pass read in one or two commits has no window: its whole wall time, start-up included, underestimates
            r.jitWarmupLastSamplesPerSecond = rate > 0 ? rate : pass.expected / (double) r.outputsPerSample / pass.wallSeconds();
            log.printf("%s JIT warm-up pass %d: %,.0f samples/s, JIT compiler %.1f %% of the CPU (not measured)%n", r.pipeline, r.jitWarmupPasses,
                    rate, 100 * share);
        } while (settled < JIT_SETTLED_PASSES && System.nanoTime() - t0 < budget);
        r.jitWarmupSeconds = (System.nanoTime() - t0) / 1e9;
        r.jitWarmupEndEpochMs = System.currentTimeMillis();
        log.printf("%s JIT warm-up: %d passes in %.1f s (%s)%n", r.pipeline, r.jitWarmupPasses, r.jitWarmupSeconds,
                settled >= JIT_SETTLED_PASSES ? "settled" : "time limit");
    }

    private Path checkpointDir() throws IOException {
        return s.checkpointDir() == null ? Files.createTempDirectory("tidecast-bench-ckpt-")
                : Files.createTempDirectory(s.checkpointDir(), "tidecast-bench-ckpt-");
    }

    /** Checkpoint durations from the MiniCluster's REST API; the figures stay NaN if it does not answer. */
    private void checkpointStats(JobClient job, Result r) {
        try {
            FlinkRest rest = new FlinkRest("http://127.0.0.1:" + restPort);
            String id = job.getJobID().toHexString();
            JsonNode cp = rest.checkpoints(id);
            r.checkpointsCompleted = cp.path("counts").path("completed").asLong();
            JsonNode e2e = cp.path("summary").path("end_to_end_duration");
            if (r.checkpointsCompleted > 0) {
                r.checkpointP50Ms = e2e.path("p50").asDouble(Double.NaN);
                r.checkpointMaxMs = e2e.path("max").asDouble(Double.NaN);
            }
            JsonNode latest = cp.path("latest").path("completed");
            if (latest.has("id")) {
                double sync = 0;
                double async = 0;
                double startDelay = 0;
                double alignment = 0;
                long n = latest.path("id").asLong();
                for (var vertices = rest.checkpointDetails(id, n).path("tasks").fieldNames(); vertices.hasNext(); ) {
                    for (JsonNode sub : rest.checkpointSubtasks(id, n, vertices.next()).path("subtasks")) {
                        sync = Math.max(sync, sub.path("checkpoint").path("sync").asDouble(0));
                        async = Math.max(async, sub.path("checkpoint").path("async").asDouble(0));
                        startDelay = Math.max(startDelay, sub.path("start_delay").asDouble(0));
                        alignment = Math.max(alignment, sub.path("alignment").path("duration").asDouble(0));
                    }
                }
                r.lastCheckpointSyncMs = sync;
                r.lastCheckpointAsyncMs = async;
                r.lastCheckpointStartDelayMs = startDelay;
                r.lastCheckpointAlignmentMs = alignment;
            }
        } catch (IOException | RuntimeException e) {
            log.printf("checkpoint statistics unavailable: %s%n", e.getMessage());
        }
    }

    /** Every completed checkpoint of the run, part by part, and when its outputs became readable. */
    private void checkpointBreakdown(JobClient job, Result r, OutputWatcher watcher) {
        try {
            CheckpointBreakdown b = CheckpointBreakdown.fetch(new FlinkRest("http://127.0.0.1:" + restPort), job.getJobID().toHexString());
            if (b.checkpoints.isEmpty()) return;
            r.checkpoints = b.checkpoints;
            r.asyncCpuMsPerCheckpoint = asyncThreadsCpuNanos() / 1e6 / b.checkpoints.size();
            // outputs of one checkpoint become readable well before the next one completes
            r.checkpointBreakdown = b.summary(s.atLeastOnce() ? null : watcher.progress, s.checkpointIntervalMs() * 9 / 10);
            log.printf("%s checkpoints (%d; p50/p90/max ms): %s; async threads' CPU %.1f ms per checkpoint%n", r.pipeline, b.checkpoints.size(),
                    CheckpointBreakdown.format(r.checkpointBreakdown), r.asyncCpuMsPerCheckpoint);
        } catch (IOException | RuntimeException e) {
            log.printf("checkpoint breakdown unavailable: %s%n", e.getMessage());
        }
    }

    /** CPU nanos of the live asynchronous snapshot threads (Flink names them AsyncOperations-thread-N; a job's die with it). */
    private static long asyncThreadsCpuNanos() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("AsyncOperations")) sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    private JobConfig runConfig(EmbeddedKafka kafka, int dim, String phase) {
        JobConfig cfg = config(dim);
        String p = "bench" + (++runs) + "-" + phase + ".";
        cfg.kafka.bootstrap = kafka.bootstrapServers();
        cfg.topics.samples = p + "samples";
        cfg.topics.forecasts = p + "forecasts";
        cfg.topics.metrics = p + "metrics";
        cfg.topics.rejects = p + "rejects";
        cfg.job.groupId = p + "group";
        cfg.job.transactionalIdPrefix = p + "tx";
        cfg.job.name = p + "job";
        kafka.createTopics(Math.max(1, s.parallelism()), cfg.topics.all());
        return cfg;
    }

    private int identityCopies = 1;
    private final JitCpu jit = new JitCpu();
    private int restPort;

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private JobClient start(JobConfig cfg, OffsetsInitializer stopAt, Path checkpoints, boolean identity, boolean rest) throws Exception {
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "none");
        if (rest) {
            // for the checkpoint statistics; a throughput run reads none and leaves the port to Flink (any free one):
            // a port found free here can be taken before Flink binds it, which the many warm-up passes made likely
            restPort = freePort();
            extra.setString("rest.bind-port", Integer.toString(restPort));
        }
        extra.setString("web.checkpoints.history", "1000"); // every checkpoint of a run, for the breakdown
        extra.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        StateBackendOption.apply(extra, s.stateBackend());
        // Flink's own setting (a cluster sets it in its configuration): barriers overtake the records in flight
        if (s.unalignedCheckpoints()) extra.setString("execution.checkpointing.unaligned.enabled", "true");
        s.flink().forEach(extra::setString);
        StreamExecutionEnvironment env = ForecastJob.environment(cfg, extra);
        if (identity) {
            IdentityPipeline.define(env, cfg, stopAt, identityCopies);
        } else {
            ForecastJob.define(env, cfg, stopAt);
        }
        return env.executeAsync(cfg.job.name);
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the job did not start within 60 s");
            Thread.sleep(50);
        }
        Thread.sleep(1000); // the source readers take their partitions after RUNNING
    }

    private void progressUntil(String what, OutputWatcher w, Thread t, long timeoutMs, JobClient job) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long lastLog = System.nanoTime();
        while (t.isAlive() && System.nanoTime() < deadline) {
            var result = job.getJobExecutionResult();
            if (result.isCompletedExceptionally()) {
                w.stop();
                result.get(); // throws the job's failure
            }
            t.join(200);
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                log.printf("  %s: %,d forecasts committed%n", what, w.count());
                lastLog = System.nanoTime();
            }
        }
    }

    /** Bytes of the newest completed checkpoint (one with its {@code _metadata}) under {@code dir}, or -1. */
    static long newestCheckpointBytes(Path dir) throws IOException {
        Optional<Path> newest;
        try (Stream<Path> all = Files.walk(dir)) {
            newest = all.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
        }
        if (newest.isEmpty()) return -1;
        long bytes = 0;
        // RocksDB's incremental checkpoints keep shared SST files outside chk-N: count the job's shared folder too
        Path job = newest.get().getParent();
        for (Path part : List.of(newest.get(), job.resolve("shared"))) {
            if (!Files.exists(part)) continue;
            try (Stream<Path> files = Files.walk(part)) {
                bytes += files.filter(Files::isRegularFile).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        return 0; // removed by a concurrent checkpoint clean-up
                    }
                }).sum();
            }
        }
        return bytes;
    }

    private static void deleteQuietly(Path dir) {
        try {
            org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing the bench for
        }
    }
}
