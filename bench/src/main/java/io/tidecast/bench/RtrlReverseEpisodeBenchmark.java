package io.tidecast.bench;

import java.util.concurrent.TimeUnit;

import io.tidecast.learners.rnn.RtrlReverse;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Exact-gradient RTRL computed in reverse ({@link RtrlReverse}, what {@code tidecast reproduce} runs for RTRL), timed
 * the way the harness uses it: one invocation is one whole run, a fresh trainer taking {@link #episodeSteps} online
 * steps on consecutive windows. Its per-step cost is not stationary (the stored history grows, and the backward
 * sweeps deepen as W_a grows from its N(0, 0.02²) start), so a step in isolation has no steady state; the run does.
 * The score is ns per run; the bench CLI divides it by {@link #episodeSteps} to report ns per step, averaged over the
 * run, creation of the trainer and growth of its history included (they allocate, as in the harness).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtrlReverseEpisodeBenchmark {

    /** {@link BenchCase#id()} of an {@code rtrl-reverse} case. */
    @Param({"rtrl-reverse:10.0:12:10"})
    public String reverseCase;

    private BenchCase c;
    private double[][] xs;
    private double[][] ys;
    private double[] out;

    /**
     * Steps of one run: the mean length of the nine shipped ExtMarker sequences at the rate (about 175 s; the
     * harness's test runs go from t = 1 to the end of a sequence).
     */
    public static int episodeSteps(double rateHz) {
        return (int) Math.round(MEAN_SEQUENCE_S * rateHz);
    }

    /** Mean duration of the nine ExtMarker sequences (1,755 samples at 10 Hz, 5,263 at 30 Hz). */
    static final double MEAN_SEQUENCE_S = 175.5;

    @Setup(Level.Trial)
    public void setUp() {
        c = BenchCase.parse(reverseCase);
        int steps = episodeSteps(c.rateHz());
        xs = Workload.inputs(steps, BenchCase.D, c.k(), c.rateHz());
        ys = Workload.targets(steps, BenchCase.D, c.k(), c.rateHz());
        out = new double[BenchCase.D];
    }

    /** A fresh trainer with the settings of {@link RnnStepBenchmark} (η, seed) and the inputs of one run. */
    public static RtrlReverse run(BenchCase c, double[][] xs, double[][] ys, double[] out) {
        RtrlReverse t = RtrlReverse.create(c.q(), c.inputDim(), BenchCase.D, RnnStepBenchmark.ETA, 1L);
        for (int s = 0; s < xs.length; s++) t.predictAndLearn(xs[s], ys[s], out);
        return t;
    }

    @Benchmark
    public double episode() {
        run(c, xs, ys, out);
        return out[0];
    }
}
