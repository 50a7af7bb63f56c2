package io.tidecast.bench;

import java.util.concurrent.TimeUnit;

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
 * The machine's practical dense multiply-add rate at the RNN update size: a row-major {@code rows × cols} matrix
 * (q × (q+m+1) with q = 180, like W = [W_a | W_b] and SnAp-1's J̄) against a vector, 2·rows·cols FLOPs per call.
 * Two loop orders: {@link #gemv} (y = A x, a dot product per row with four partial sums) and {@link #gemvT}
 * (y = Aᵀ x, streaming rows into y as axpys, the shape C2 vectorises). The faster one is the reference rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelBenchmark {
    public static final int ROWS = 180;

    /** Columns: q + m + 1 at q = 180. */
    @Param({"289"})
    public int cols;

    private double[] a;
    private double[] x;
    private double[] xr;
    private double[] y;
    private double[] yt;

    public static long flops(int rows, int cols) {
        return 2L * rows * cols;
    }

    @Setup(Level.Trial)
    public void setUp() {
        a = new double[ROWS * cols];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() - 0.5;
        x = new double[cols];
        for (int i = 0; i < cols; i++) x[i] = r.nextDouble() - 0.5;
        xr = new double[ROWS];
        for (int i = 0; i < ROWS; i++) xr[i] = r.nextDouble() - 0.5;
        y = new double[ROWS];
        yt = new double[cols];
    }

    @Benchmark
    public double gemv() {
        final double[] a = this.a, x = this.x, y = this.y;
        final int n = cols;
        for (int i = 0; i < ROWS; i++) {
            final int o = i * n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                s0 += a[o + j] * x[j];
                s1 += a[o + j + 1] * x[j + 1];
                s2 += a[o + j + 2] * x[j + 2];
                s3 += a[o + j + 3] * x[j + 3];
            }
            for (; j < n; j++) s0 += a[o + j] * x[j];
            y[i] = (s0 + s1) + (s2 + s3);
        }
        return y[0];
    }

    @Benchmark
    public double gemvT() {
        final double[] a = this.a, x = this.xr, y = this.yt;
        final int n = cols;
        java.util.Arrays.fill(y, 0.0);
        for (int i = 0; i < ROWS; i++) {
            final int o = i * n;
            final double xi = x[i];
            for (int j = 0; j < n; j++) y[j] += xi * a[o + j];
        }
        return y[0];
    }
}
