package io.tidecast.bench;

import java.util.concurrent.TimeUnit;

import io.tidecast.learners.rnn.RnnTrainer;

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

    private RnnTrainer trainer;
    private double[][] xs;
    private double[][] ys;
    private double[] out;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        BenchCase c = BenchCase.parse(rnnCase);
        RnnTrainer.Algorithm alg = RnnTrainer.Algorithm.valueOf(c.learner().toUpperCase(java.util.Locale.ROOT));
        trainer = RnnTrainer.create(alg, c.q(), c.inputDim(), BenchCase.D, ETA, 1L);
        xs = Workload.inputs(POOL, BenchCase.D, c.k(), c.rateHz());
        ys = Workload.targets(POOL, BenchCase.D, c.k(), c.rateHz());
        out = new double[BenchCase.D];
    }

    @Benchmark
    public double step() {
        int n = i++ & (POOL - 1);
        trainer.predictAndLearn(xs[n], ys[n], out);
        return out[0];
    }
}
