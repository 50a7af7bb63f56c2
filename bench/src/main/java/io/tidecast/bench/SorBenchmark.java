package io.tidecast.bench;

import io.tidecast.learners.relax.RelaxInstances;
import io.tidecast.learners.relax.ShiftSetting;
import io.tidecast.learners.relax.Sor;
import io.tidecast.learners.relax.SparseSystem;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.OpenMapRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One SOR solve (x0 = 0 to relative residual 1e-8) of a published Learning-to-Relax instance (shifted 10 x 10
 * Laplacian, n = 100) at omega = 1.6: the split-CSR kernel of {@link Sor} (one pass over the nonzeros per iteration,
 * residual by recurrence) against the textbook iteration of {@code sor.m} (Gauss-Seidel-type sweep, then
 * r = b - A x) on the same CSR arrays, and the textbook iteration on Commons Math matrices (dense
 * {@code Array2DRowRealMatrix}, sparse {@code OpenMapRealMatrix}). All return the same iteration count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SorBenchmark {
    @Param({"1.6"})
    public double omega;

    SparseSystem a;
    double[] b;
    Sor sor;
    int[] ptr;
    int[] col;
    double[] val;
    double[] diag;
    RealMatrix dense;
    RealMatrix sparse;

    @Setup
    public void setup() {
        RelaxInstances.Instance in = new RelaxInstances(ShiftSetting.LOW, 0).instance(0, 0);
        a = in.a();
        b = in.b();
        sor = new Sor(a.size());
        SparseSystem.Csr c = a.toCsr();
        ptr = c.rowPtr();
        col = c.col();
        val = c.val();
        diag = new double[a.size()];
        for (int i = 0; i < diag.length; i++) diag[i] = a.diagonal(i);
        double[][] d = a.toDense();
        dense = new Array2DRowRealMatrix(d);
        sparse = new OpenMapRealMatrix(d.length, d.length);
        for (int i = 0; i < d.length; i++) for (int j = 0; j < d.length; j++) if (d[i][j] != 0) sparse.setEntry(i, j, d[i][j]);
    }

    @Benchmark
    public int splitCsrKernel() {
        return sor.iterations(a, b, omega, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP);
    }

    /** sor.m on CSR: sweep x_i += omega (b_i - (A x)_i) / a_ii in order, then the full residual. */
    @Benchmark
    public int textbookCsr() {
        int n = b.length;
        double[] x = new double[n];
        double r0 = 0;
        for (double v : b) r0 += v * v;
        for (int k = 1; k <= Sor.DEFAULT_CAP; k++) {
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int q = ptr[i]; q < ptr[i + 1]; q++) s -= val[q] * x[col[q]];
                x[i] += omega * s / diag[i];
            }
            double rr = 0;
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int q = ptr[i]; q < ptr[i + 1]; q++) s -= val[q] * x[col[q]];
                rr += s * s;
            }
            if (rr <= 1e-16 * r0) return k;
        }
        return Sor.DEFAULT_CAP;
    }

    @Benchmark
    public int textbookCommonsMathDense() {
        return textbook(dense);
    }

    @Benchmark
    public int textbookCommonsMathSparse() {
        return textbook(sparse);
    }

    private int textbook(RealMatrix m) {
        int n = b.length;
        double[] x = new double[n];
        double r0 = 0;
        for (double v : b) r0 += v * v;
        for (int k = 1; k <= Sor.DEFAULT_CAP; k++) {
            for (int i = 0; i < n; i++) {
                double s = b[i];
                double[] row = m.getRow(i);
                for (int j = 0; j < n; j++) s -= row[j] * x[j];
                x[i] += omega * s / diag[i];
            }
            double[] ax = m.operate(x);
            double rr = 0;
            for (int i = 0; i < n; i++) rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            if (rr <= 1e-16 * r0) return k;
        }
        return Sor.DEFAULT_CAP;
    }
}
