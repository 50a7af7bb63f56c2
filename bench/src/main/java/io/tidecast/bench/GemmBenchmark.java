package io.tidecast.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The compute-bound side of the practical limit: C = A·B with A 180 × 180 (q × q, like D_t) and B 180 × 256, each
 * output row accumulated in an L1-resident buffer from four rows of B at a time (the loop shape of RTRL's D_t·J).
 * B is one array per row: Java 17's C2 does not vectorise a loop that reads one array at several offsets, and with
 * B flat this kernel ran at about half the rate (which understated the machine's limit and overstated every
 * learner's share of it). 2·180·180·256 FLOPs per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GemmBenchmark {
    public static final int Q = 180;
    public static final int W = 256;

    private double[] a;
    private double[][] b;
    private double[] c;
    private double[] acc;

    public static long flops() {
        return 2L * Q * Q * W;
    }

    @Setup(Level.Trial)
    public void setUp() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        a = new double[Q * Q];
        b = new double[Q][W];
        c = new double[Q * W];
        acc = new double[W];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() - 0.5;
        for (double[] row : b) {
            for (int k = 0; k < W; k++) row[k] = r.nextDouble() - 0.5;
        }
    }

    @Benchmark
    public double gemm() {
        final double[] a = this.a, c = this.c, acc = this.acc;
        final double[][] b = this.b;
        for (int s = 0; s < Q; s++) {
            final int as = s * Q;
            Arrays.fill(acc, 0.0);
            int r = 0;
            for (; r + 3 < Q; r += 4) {
                final double a0 = a[as + r], a1 = a[as + r + 1], a2 = a[as + r + 2], a3 = a[as + r + 3];
                final double[] b0 = b[r], b1 = b[r + 1], b2 = b[r + 2], b3 = b[r + 3];
                for (int k = 0; k < W; k++) {
                    acc[k] += a0 * b0[k] + a1 * b1[k] + a2 * b2[k] + a3 * b3[k];
                }
            }
            for (; r < Q; r++) {
                final double a0 = a[as + r];
                final double[] b0 = b[r];
                for (int k = 0; k < W; k++) acc[k] += a0 * b0[k];
            }
            System.arraycopy(acc, 0, c, s * W, W);
        }
        return c[0];
    }
}
