package io.tidecast.bench.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "End-to-end throughput and latency of the forecasting job on an embedded Kafka broker and Flink "
                + "MiniCluster, beside the identity pipeline (same source, keyBy and sink, no learning) and the "
                + "compute-bound rate of the learners; table and DIR/bench.json.",
        footer = {"", "Examples:",
                "  tidecast bench pipeline --quick                          # seconds: a small smoke run",
                "  tidecast bench pipeline --learners lms --keys 1000 --rate 10 --duration 30",
                "  tidecast bench pipeline --learners lms,rls --state rocksdb",
                "  tidecast bench pipeline --learners lms,rls --at-least-once --only latency"})
public final class PipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--keys", description = "Streams (default: 1000; 20 with --quick).")
    Integer keys;

    @Option(names = "--rate", defaultValue = "10", description = "Samples per second per key (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", description = "Seconds of samples per key after the warm-up, per run (default: 30; 3 with --quick).")
    Integer duration;

    @Option(names = "--learners", split = ",", defaultValue = "lms,rls",
            description = "Learner kinds (default: ${DEFAULT-VALUE}); e.g. lms | lms,rls | lms,rls,rnn-snap1.")
    List<String> learners;

    @Option(names = "--history", defaultValue = "1.2", description = "Learner history in seconds (default: ${DEFAULT-VALUE}).")
    double historySeconds;

    @Option(names = "--horizons", split = ",", defaultValue = "100,500,1000", description = "Horizons in ms (default: ${DEFAULT-VALUE}).")
    List<Long> horizons;

    @Option(names = "--checkpoint-interval", defaultValue = "1000", description = "Checkpoint interval in ms (default: ${DEFAULT-VALUE}).")
    long checkpointInterval;

    @Option(names = "--state", defaultValue = "hashmap", description = "Keyed state backend: hashmap | rocksdb (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--at-least-once", description = "At-least-once sink: outputs readable at once instead of at each checkpoint.")
    boolean atLeastOnce;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--warmup", description = "Warm-up samples per key (default: 50; 30 with --quick).")
    Integer warmup;

    @Option(names = "--source", defaultValue = "breathing", description = "breathing (seeded synthetic) | extmarker (the bundled recordings in a loop).")
    String source;

    @Option(names = "--data", description = "ExtMarker directory for --source extmarker (default: the bundled data).")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic signals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--buffer-timeout", description = "Flink network buffer timeout in ms (default: the job's, 10 with the "
            + "exactly-once sink, 1 with --at-least-once).")
    Long bufferTimeout;

    @Option(names = "--sink-linger", description = "The Kafka sink's linger.ms (default: the job's, 5 with the exactly-once "
            + "sink, 1 with --at-least-once).")
    Long sinkLinger;

    @Option(names = "--unaligned", description = "Unaligned checkpoints (Flink's execution.checkpointing.unaligned.enabled).")
    boolean unaligned;

    @Option(names = "--checkpoint-dir", description = "Where the runs write their checkpoints (default: a temporary directory "
            + "under java.io.tmpdir); e.g. /dev/shm keeps the disk out of the measurement.")
    Path checkpointDir;

    @Option(names = "--latency-samples", description = "Also write every timed forecast of the latency runs (epoch ms when "
            + "readable, latency µs) to DIR/latency-<pipeline>.csv, to see when the slow ones happen.")
    boolean latencySamples;

    @Option(names = "--flink", description = "A Flink setting for both pipelines' runs, KEY=VALUE (repeatable), e.g. "
            + "--flink execution.checkpointing.write-buffer-size=1048576.")
    Map<String, String> flink = new java.util.LinkedHashMap<>();

    @Option(names = "--jit-warmup", description = "At most this many seconds of unmeasured throughput passes of the same "
            + "pipeline before each measured throughput run, until the JIT has settled (2 passes in a row with the compiler "
            + "at most 3 %% of the CPU), as in a long-running job (default: 180; 1 with --quick; 0: none, a cold JVM).")
    Double jitWarmup;

    @Option(names = "--min-window", description = "Make the measured throughput run long enough that its measured window "
            + "lasts at least this many seconds at the last warm-up pass's rate (more samples per key than --duration gives, "
            + "at most 20 million in all): under exactly-once the outputs become readable once per commit, and a window of "
            + "a few commits gives a coarse rate (default: 10; 0 with --quick; 0: --duration alone sizes it).")
    Double minWindow;

    @Option(names = "--only", description = "throughput | latency (default: both).")
    String only;

    @Option(names = "--quick", description = "20 keys, 3 s per run: checks that everything works, in seconds.")
    boolean quick;

    @Option(names = "--out", defaultValue = "tidecast-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int k = keys != null ? keys : quick ? 20 : 1000;
        int d = duration != null ? duration : quick ? 3 : 30;
        int w = warmup != null ? warmup : quick ? 30 : 50;
        double jw = jitWarmup != null ? jitWarmup : quick ? 1 : 180;
        if (!(jw >= 0)) throw bad("--jit-warmup must be at least 0 s");
        double mw = minWindow != null ? minWindow : quick ? 0 : 10;
        if (!(mw >= 0)) throw bad("--min-window must be at least 0 s");
        if (k < 1) throw bad("--keys must be at least 1");
        if (!(rate > 0)) throw bad("--rate must be > 0");
        if (d < 1) throw bad("--duration must be at least 1 s");
        if ((bufferTimeout != null && bufferTimeout < 0) || (sinkLinger != null && sinkLinger < 0)) throw bad("--buffer-timeout and --sink-linger must be at least 0 ms");
        if (parallelism < 1) throw bad("--parallelism must be at least 1");
        if (!state.equals("hashmap") && !state.equals("rocksdb")) throw bad("--state must be hashmap or rocksdb, not '" + state + "'");
        if (!source.equals("breathing") && !source.equals("extmarker")) throw bad("--source must be breathing or extmarker, not '" + source + "'");
        if (only != null && !only.equals("throughput") && !only.equals("latency")) throw bad("--only must be throughput or latency");
        if (checkpointDir != null && !java.nio.file.Files.isDirectory(checkpointDir)) {
            throw bad("--checkpoint-dir " + checkpointDir + " is not a directory; create it or pick another");
        }
        Path ext = data != null ? data : Path.of(System.getProperty("tidecast.home", "."), "data", "extmarker");
        PipelineSettings s = new PipelineSettings(k, rate, d, learners, historySeconds, horizons, checkpointInterval, state, atLeastOnce,
                parallelism, w, source, ext, seed, bufferTimeout, sinkLinger, unaligned, checkpointDir, latencySamples, flink, only == null || only.equals("throughput"),
                only == null || only.equals("latency"), out, jw, mw);
        PipelineBench bench = new PipelineBench(s, System.err);
        try {
            bench.config(9).forecastConfig();
        } catch (RuntimeException e) {
            throw bad(e.getMessage());
        }
        long t0 = System.nanoTime();
        Map<String, Object> report = bench.run();
        report.put("wallSeconds", Math.round((System.nanoTime() - t0) / 1e9));
        System.out.print(PipelineReport.table(report));
        Path f = PipelineReport.write(out, report);
        System.out.printf("%nwrote %s; wall time %d s (figures from this machine as it was loaded at the time)%n", f, report.get("wallSeconds"));
        return 0;
    }

    private CommandLine.ParameterException bad(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }
}
