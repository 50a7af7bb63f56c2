package io.tidecast.bench;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One online step (predict, then learn) per invocation at d = 9, k = 12 (10 Hz, 1.2 s history, m = 109).
 * The inputs cycle through a pre-generated pool so the benchmark measures the learner, not the RNG.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LearnerStepBenchmark {
    static final int D = 9;
    static final int K = 12;
    static final int POOL = 1024;

    @Param({"lms", "nlms", "rls", "ridge"})
    public String kind;

    private OnlineRegressor learner;
    private double[][] xs;
    private double[][] ys;
    private double[] out;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        LearnerContext ctx = new LearnerContext(D, K, 0, 1L);
        learner = Learners.create(new LearnerSpec("bench", kind, K, Map.of()), ctx);
        int m = ctx.inputDim();
        Random rnd = new Random(42);
        xs = new double[POOL][m];
        ys = new double[POOL][D];
        for (int n = 0; n < POOL; n++) {
            xs[n][0] = 1.0;
            for (int j = 1; j < m; j++) {
                xs[n][j] = rnd.nextGaussian();
            }
            for (int r = 0; r < D; r++) {
                ys[n][r] = rnd.nextGaussian();
            }
        }
        out = new double[D];
    }

    @Benchmark
    public double step() {
        int n = i++ & (POOL - 1);
        learner.predict(xs[n], out);
        learner.learn(xs[n], ys[n]);
        return out[0];
    }
}
