package io.tidecast.jobs.relax;

import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.runtime.LocalFlink;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "relax", mixinStandardHelpOptions = true,
        description = "Learning to Relax (Khodak et al., ICLR 2024): bandits pick the SOR relaxation omega for a stream of"
                + " shifted-Laplacian systems from iteration counts only. Prints mean iterations per instance of every"
                + " policy and baseline beside the reference table; writes cumulative-cost curves (CSV, PNG) and relax.json.",
        footer = {"", "Examples:",
                "  tidecast relax --setting low --instances 5000 --trials 8 --out /tmp/relax",
                "  tidecast relax --setting both --instances 500 --trials 2 --flink --out /tmp/relax-flink",
                "Without --flink the trials run in an offline harness on --threads threads; with --flink the same code runs as a"
                        + " Flink job on an embedded MiniCluster, one key per trial (parallelism --threads); both give identical numbers.",
                "Serving systems from Kafka instead: tidecast relax-serve --help."})
public final class RelaxCommand implements Callable<Integer> {
    @Option(names = "--setting", defaultValue = "low", paramLabel = "low|high|both", description = "Shift distribution: low = Beta(2,6), high = Beta(1/2,3/2) (default: ${DEFAULT-VALUE}).")
    String setting;

    @Option(names = "--instances", defaultValue = "5000", paramLabel = "T", description = "Systems per trial (default: ${DEFAULT-VALUE}, as published).")
    int instances;

    @Option(names = "--trials", defaultValue = "40", paramLabel = "N", description = "Independent trials (default: ${DEFAULT-VALUE}, as published; each is ~10-30 s of CPU).")
    int trials;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, or Flink parallelism with --flink (default: available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Base seed of instances and policies (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--policies", defaultValue = "tsallis-inf,tsallis-inf-cb,chebcb", split = ",", paramLabel = "P",
            description = "Bandits: tsallis-inf, tsallis-inf-cb, chebcb (default: ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(names = "--flink", description = "Run as a Flink job on an embedded MiniCluster (one key per trial) instead of the offline harness.")
    boolean flink;

    @Option(names = "--out", defaultValue = "relax-out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ShiftSetting> settings = switch (setting.toLowerCase(Locale.ROOT)) {
            case "low" -> List.of(ShiftSetting.LOW);
            case "high" -> List.of(ShiftSetting.HIGH);
            case "both" -> List.of(ShiftSetting.LOW, ShiftSetting.HIGH);
            default -> throw new UserError("--setting must be low, high or both, not '" + setting + "'");
        };
        if (instances < 1 || instances > 10_000_000) throw new UserError("--instances must be in [1, 10000000], got " + instances);
        if (trials < 1 || trials > 100_000) throw new UserError("--trials must be in [1, 100000], got " + trials);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1 || nThreads > 1024) throw new UserError("--threads must be in [1, 1024], got " + nThreads);
        List<RelaxPolicy> ps = new ArrayList<>();
        for (String p : policies) {
            try {
                RelaxPolicy rp = RelaxPolicy.byId(p);
                if (!ps.contains(rp)) ps.add(rp);
            } catch (IllegalArgumentException e) {
                throw new UserError("--policies: " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserError("cannot create output directory " + out + ": " + e.getMessage() + " (pass a writable --out DIR)");
        }
        if (!Files.isWritable(out)) throw new UserError("output directory " + out + " is not writable (pass a writable --out DIR)");

        long t0 = System.nanoTime();
        List<RelaxSummary> summaries = new ArrayList<>();
        for (ShiftSetting s : settings) {
            System.err.printf(Locale.ROOT, "relax %s: %d trials x %d instances on %d %s...%n", s.label(), trials, instances, nThreads,
                    flink ? "Flink subtasks (MiniCluster)" : "threads");
            List<RelaxTrial.Result> results;
            if (flink) {
                Configuration conf = LocalFlink.configuration(nThreads);
                conf.setString("restart-strategy.type", "none");
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(nThreads);
                results = RelaxPipeline.runGenerated(env, s, seed, trials, instances, ps);
            } else {
                AtomicInteger done = new AtomicInteger();
                long ts = System.nanoTime();
                results = RelaxHarness.run(s, seed, trials, instances, ps, nThreads, k -> System.err.printf(Locale.ROOT,
                        "  trial %d done (%d/%d, %.0f s)%n", k, done.incrementAndGet(), trials, (System.nanoTime() - ts) / 1e9));
            }
            RelaxSummary sum = new RelaxSummary(s, results);
            RelaxReport.print(sum, System.out);
            RelaxReport.writeCurves(sum, out);
            summaries.add(sum);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        RelaxReport.writeJson(summaries, out.resolve("relax.json"), flink ? "flink" : "offline", seed, nThreads, wall);
        System.out.printf(Locale.ROOT, "%nwall %.1f s; %s within %.0f%% of the reference for every row: %s%nwrote %s%n", wall,
                trials + " trial(s)", RelaxReport.TOLERANCE * 100, RelaxReport.allWithinTolerance(summaries) ? "yes" : "no",
                out.resolve("relax.json"));
        return 0;
    }
}
