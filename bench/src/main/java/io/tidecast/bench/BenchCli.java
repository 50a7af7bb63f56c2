package io.tidecast.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.tidecast.learners.kernel.Dot;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tidecast bench ...}: the benchmark commands (run through the root launcher, {@code ./tidecast bench}). */
@Command(name = "tidecast bench", mixinStandardHelpOptions = true, subcommands = {BenchCli.LearnersCmd.class, BenchCli.RelaxCmd.class, io.tidecast.bench.pipeline.PipelineCommand.class},
        description = "Benchmarks.",
        footer = {"", "Examples:", "  tidecast bench learners --quick          # about 2.5 minutes on 2 cores",
                "  tidecast bench pipeline --quick          # seconds: the end-to-end bench works",
                "  tidecast bench relax                     # one SOR solve: our CSR kernel vs textbook and Commons Math",
                "  tidecast bench learners --help"})
public final class BenchCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "relax", mixinStandardHelpOptions = true,
            description = "JMH time of one SOR solve of a published Learning-to-Relax instance (n = 100, omega = 1.6): the"
                    + " split-CSR kernel against the textbook iteration on CSR and on Commons Math dense and sparse matrices.")
    static final class RelaxCmd implements Callable<Integer> {
        @Option(names = "--iterations", defaultValue = "3", description = "Measurement iterations of 1 s (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() throws Exception {
            var opts = new OptionsBuilder().include(SorBenchmark.class.getName() + ".*").forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                    .verbosity(VerboseMode.SILENT).build();
            Collection<RunResult> rs = new Runner(opts).run();
            double kernel = Double.NaN;
            Map<String, double[]> rows = new LinkedHashMap<>();
            for (RunResult r : rs) {
                String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
                rows.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
                if (name.equals("splitCsrKernel")) kernel = r.getPrimaryResult().getScore();
            }
            System.out.printf("%-28s %12s %10s %10s%n", "SOR solve, n = 100, omega 1.6", "us/solve", "+-", "x kernel");
            for (var e : rows.entrySet()) {
                System.out.printf("%-28s %12.2f %10.2f %10.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] / kernel);
            }
            return 0;
        }
    }

    @Command(name = "learners", mixinStandardHelpOptions = true,
            description = "JMH time per online step (predict + update) of every learner at the published "
                    + "configurations, against a dense multiply-add kernel and the published P25 timings.",
            footer = {"", "Examples:",
                    "  tidecast bench learners --quick --out /tmp/bench     # reduced matrix; table and /tmp/bench/learners.json",
                    "  tidecast bench learners --only snap1,lms --quick",
                    "  tidecast bench learners                              # the full matrix (long)"})
    static final class LearnersCmd implements Callable<Integer> {
        @Option(names = "--quick", description = "Reduced matrix (10 and 30 Hz at 1.2 s) and short JMH iterations.")
        boolean quick;

        @Option(names = "--out", defaultValue = "tidecast-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--only", split = ",", description = "Restrict to these learners (e.g. snap1,lms).")
        List<String> only;

        @Option(names = "--warmup", description = "Warm-up iterations (default: 1 with --quick, else 2).")
        Integer warmup;

        @Option(names = "--iterations", description = "Measurement iterations (default: 3 with --quick, else 5).")
        Integer iterations;

        @Option(names = "--time", defaultValue = "1", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
        int seconds;

        // the JIT's code for the same microsecond-scale step differs from one JVM to the next by 10-30 % (measured at
        // q = 30), which iterations inside one fork cannot show: the full matrix averages several forks
        @Option(names = "--forks", description = "JMH forks, each a fresh JVM (default: 1 with --quick, else 3).")
        Integer forks;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            List<BenchCase> cases = new ArrayList<>();
            for (BenchCase c : BenchCase.matrix(quick)) {
                if (only == null || only.contains(c.learner())) cases.add(c);
            }
            if (cases.isEmpty()) throw new CommandLine.ParameterException(new CommandLine(this), "no learner selected");
            Files.createDirectories(out);
            Path raw = out.resolve("learners-jmh.json");
            int wi = warmup != null ? warmup : quick ? 1 : 2;
            int mi = iterations != null ? iterations : quick ? 3 : 5;
            int fk = forks != null ? forks : quick ? 1 : 3;
            if (fk < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--forks must be >= 1, got " + fk);

            Map<String, BenchCase> byId = new LinkedHashMap<>();
            List<String> rnn = new ArrayList<>();
            List<String> reverse = new ArrayList<>();
            List<String> lin = new ArrayList<>();
            Set<String> cols = new LinkedHashSet<>();
            for (BenchCase c : cases) {
                byId.put(c.id(), c);
                (BenchCase.RTRL_REVERSE.equals(c.learner()) ? reverse : c.rnn() ? rnn : lin).add(c.id());
                cols.add(String.valueOf(LearnerReport.kernelCols(c)));
            }
            List<String> includes = new ArrayList<>(List.of(KernelBenchmark.class.getName(), GemmBenchmark.class.getName()));
            if (!rnn.isEmpty()) includes.add(RnnStepBenchmark.class.getName());
            if (!reverse.isEmpty()) includes.add(RtrlReverseEpisodeBenchmark.class.getName());
            if (!lin.isEmpty()) includes.add(LinearStepBenchmark.class.getName());

            ChainedOptionsBuilder ob = new OptionsBuilder()
                    .include("^(" + String.join("|", includes).replace(".", "\\.") + ")\\.")
                    .param("cols", cols.toArray(String[]::new))
                    .forks(fk)
                    .warmupIterations(wi).warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(mi).measurementTime(TimeValue.seconds(seconds))
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT)
                    .resultFormat(ResultFormatType.JSON).result(raw.toString())
                    // the forks run the learners' dot-product kernels as this JVM does: on the Vector API when it is
                    // usable here, scalar when it is not or -Dtidecast.vector=false was given
                    .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-D" + Dot.PROPERTY + "=" + Dot.vectorised());
            if (!rnn.isEmpty()) ob.param("rnnCase", rnn.toArray(String[]::new));
            if (!lin.isEmpty()) ob.param("lsCase", lin.toArray(String[]::new));
            if (!reverse.isEmpty()) ob.param("reverseCase", reverse.toArray(String[]::new));

            int nBench = cases.size() + 2 * cols.size() + 1;
            System.err.printf("tidecast bench: %d JMH benchmarks (%d fork(s), %d x %ds warm-up, %d x %ds measurement; %s dot kernels)...%n",
                    nBench, fk, wi, seconds, mi, seconds, Dot.vectorised() ? "vector" : "scalar");
            Collection<RunResult> results = new Runner(ob.build()).run();

            Map<BenchCase, double[]> measured = new LinkedHashMap<>();
            Map<BenchCase, Long> divergenceResets = new LinkedHashMap<>();
            List<LearnerReport.Kernel> kernels = new ArrayList<>();
            for (RunResult rr : results) {
                String bench = rr.getParams().getBenchmark();
                double score = rr.getPrimaryResult().getScore();
                double err = rr.getPrimaryResult().getScoreError();
                if (bench.startsWith(GemmBenchmark.class.getName())) {
                    kernels.add(new LearnerReport.Kernel("gemm", GemmBenchmark.Q, GemmBenchmark.W, score, err));
                } else if (bench.startsWith(KernelBenchmark.class.getName())) {
                    String variant = bench.substring(bench.lastIndexOf('.') + 1);
                    int c = Integer.parseInt(rr.getParams().getParam("cols"));
                    kernels.add(new LearnerReport.Kernel(variant, KernelBenchmark.ROWS, c, score, err));
                } else if (bench.startsWith(RtrlReverseEpisodeBenchmark.class.getName())) {
                    BenchCase c = byId.get(rr.getParams().getParam("reverseCase"));
                    int steps = RtrlReverseEpisodeBenchmark.episodeSteps(c.rateHz());
                    measured.put(c, new double[] {score / steps, err / steps}); // JMH times one whole run
                } else {
                    boolean rnnStep = bench.startsWith(RnnStepBenchmark.class.getName());
                    String id = rr.getParams().getParam(rnnStep ? "rnnCase" : "lsCase");
                    measured.put(byId.get(id), new double[] {score, err});
                    if (rnnStep) divergenceResets.put(byId.get(id), resets(rr));
                }
            }
            Map<BenchCase, Map<String, Object>> extras = new LinkedHashMap<>();
            for (String id : reverse) extras.put(byId.get(id), reverseRunFacts(byId.get(id)));
            divergenceResets.forEach((c, n) -> extras.computeIfAbsent(c, k -> new LinkedHashMap<>()).put("divergenceResets", n));
            LearnerReport report = new LearnerReport(measured, kernels, extras);
            double wall = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("command", "tidecast bench learners" + (quick ? " --quick" : ""));
            meta.put("quick", quick);
            meta.put("wallSeconds", Math.round(wall));
            meta.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            meta.put("cpus", Runtime.getRuntime().availableProcessors());
            meta.put("jmh", fk + " fork(s), " + wi + "x" + seconds + "s warm-up, " + mi + "x" + seconds + "s measurement, AverageTime ns/op");
            meta.put("dotKernels", Dot.vectorised() ? "vector (jdk.incubator.vector, 4 lanes)" : "scalar");
            meta.put("flops", "FlopModel: multiply-add = 2 FLOPs, O(matrix) loop terms only");
            meta.put("kernel", "practical limit = best of gemm (180x180 times 180x256) and the 180 x (180+9k+1) "
                    + "row-major matrix-vector products gemv/gemvT; matVecFraction uses the matrix-vector kernels only");
            Path json = out.resolve("learners.json");
            Files.writeString(json, report.json(meta), StandardCharsets.UTF_8);
            System.out.print(report.table());
            System.out.printf("%nwrote %s (raw JMH: %s); wall time %.0f s%n", json, raw, wall);
            return 0;
        }

        /**
         * The run the JMH forks timed, replayed once here (it is deterministic): its length, sweep depths and whether
         * it switched to the forward recursion, and the FLOPs per step they imply.
         */
        /** The divergence resets over the measured iterations of an RNN step benchmark (its secondary result). */
        static long resets(RunResult rr) {
            var r = rr.getSecondaryResults().get(RnnStepBenchmark.RESETS);
            return r == null ? 0L : Math.round(r.getStatistics().getSum());
        }

        static Map<String, Object> reverseRunFacts(BenchCase c) {
            int steps = RtrlReverseEpisodeBenchmark.episodeSteps(c.rateHz());
            var t = RtrlReverseEpisodeBenchmark.run(c, Workload.inputs(steps, BenchCase.D, c.k(), c.rateHz()),
                    Workload.targets(steps, BenchCase.D, c.k(), c.rateHz()), new double[BenchCase.D]);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("episodeSteps", steps);
            m.put("meanSweepDepth", Math.round(10.0 * t.sweptStepsTotal() / t.reverseSteps()) / 10.0);
            m.put("forwardSteps", steps - t.reverseSteps());
            m.put("flopsPerStep", FlopModel.rtrlReverse(c.k(), c.q(), steps, t.reverseSteps(), t.sweptStepsTotal()));
            m.put("timing", "JMH times one whole run of a fresh trainer (Workload inputs, consecutive windows); nsPerStep = run / episodeSteps");
            return m;
        }
    }

}
