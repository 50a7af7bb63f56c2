package io.tidecast.bench;

import java.util.concurrent.TimeUnit;

import io.tidecast.learners.rnn.RnnTrainer;

import org.openjdk.jmh.annotations.AuxCounters;
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
 * One online RNN step, {@link RnnTrainer#predictAndLearn} (forward, forecast, gradient estimate, clipping, SGD;
 * the paper's step), per invocation. The trainer and its state persist across invocations; inputs cycle through a
 * pool of pre-built standardised windows, so the loop allocates nothing.
 *
 * <p>A trainer whose forecast stops being finite is replaced by a fresh one, as the streaming operator resets a
 * diverged learner, and the replacement is counted ({@link Divergence#resets}): without it the benchmark would go on
 * timing NaN arithmetic, which is faster (DNI at q = 30, 10 Hz diverges after about 900,000 steps of this workload,
 * well inside a full JMH run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RnnStepBenchmark {
    static final int POOL = 256;
    /** Published middle of the η grid {0.005, 0.01, 0.02}. */
    static final double ETA = 0.01;

    /** {@link BenchCase#id()} of an RNN case. */
    @Param({"snap1:10.0:12:30"})
    public String rnnCase;

    /** Divergence resets per iteration, reported by JMH as the secondary result {@value #RESETS}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Divergence {
        public long resets;
    }

    /** The name of the secondary result that counts resets. */
    public static final String RESETS = "resets";

    private RnnTrainer.Algorithm algorithm;
    private BenchCase benchCase;
    RnnTrainer trainer;
    double[][] xs;
    private double[][] ys;
    private double[] out;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        BenchCase c = BenchCase.parse(rnnCase);
        benchCase = c;
        algorithm = RnnTrainer.Algorithm.valueOf(c.learner().toUpperCase(java.util.Locale.ROOT));
        trainer = freshTrainer();
        xs = Workload.inputs(POOL, BenchCase.D, c.k(), c.rateHz());
        ys = Workload.targets(POOL, BenchCase.D, c.k(), c.rateHz());
        out = new double[BenchCase.D];
    }

    private RnnTrainer freshTrainer() {
        return RnnTrainer.create(algorithm, benchCase.q(), benchCase.inputDim(), BenchCase.D, ETA, 1L);
    }

    @Benchmark
    public double step(Divergence divergence) {
        int n = i++ & (POOL - 1);
        trainer.predictAndLearn(xs[n], ys[n], out);
        if (!finite(out)) {
            trainer = freshTrainer();
            divergence.resets++;
        }
        return out[0];
    }

    static boolean finite(double[] v) {
        boolean finite = true;
        for (double x : v) finite &= Double.isFinite(x);
        return finite;
    }
}
