package io.tidecast.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;

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
 * One online step of a least-squares learner (predict, then learn) per invocation. OLS is fitted during set-up on
 * {@link #OLS_FIT_PAIRS} windows and frozen, so its step is the published "inference only" one. Learner state
 * persists across invocations; inputs cycle through a pool of pre-built windows, so the loop allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LinearStepBenchmark {
    static final int POOL = 256;
    static final int OLS_FIT_PAIRS = 256;

    /** {@link BenchCase#id()} of a least-squares case (q = 0). */
    @Param({"lms:10.0:12:0"})
    public String lsCase;

    private OnlineRegressor learner;
    private double[][] xs;
    private double[][] ys;
    private double[] out;
    private int i;

    /** LMS at the largest η of its published per-rate grid (the value the selection lands on). */
    static double lmsEta(double rateHz) {
        return rateHz < 5 ? 1e-3 : rateHz < 20 ? 5e-4 : 2e-4;
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchCase c = BenchCase.parse(lsCase);
        Map<String, Double> params = switch (c.learner()) {
            case "lms" -> Map.of("eta", lmsEta(c.rateHz()));
            case "ols" -> Map.of("fitPairs", (double) OLS_FIT_PAIRS);
            default -> Map.of();
        };
        learner = Learners.create(new LearnerSpec("bench", c.learner(), c.k(), params),
                new LearnerContext(BenchCase.D, c.k(), 0, 1L));
        xs = Workload.inputs(POOL, BenchCase.D, c.k(), c.rateHz());
        ys = Workload.targets(POOL, BenchCase.D, c.k(), c.rateHz());
        out = new double[BenchCase.D];
        if ("ols".equals(c.learner())) {
            for (int n = 0; n < OLS_FIT_PAIRS; n++) learner.learn(xs[n % POOL], ys[n % POOL]);
        }
    }

    @Benchmark
    public double step() {
        int n = i++ & (POOL - 1);
        learner.predict(xs[n], out);
        learner.learn(xs[n], ys[n]);
        return out[0];
    }
}
