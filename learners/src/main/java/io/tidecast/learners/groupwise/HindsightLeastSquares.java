package io.tidecast.learners.groupwise;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The comparator of groupwise regret: the smallest sum of squared errors of any linear model {@code y ≈ θᵀx} fitted in
 * hindsight to the rows seen so far (unregularised least squares, as the paper's {@code scipy.linalg.lstsq}). Kept as
 * sufficient statistics {@code A = Σ x xᵀ}, {@code b = Σ y x}, {@code Σ y²}, so it fits keyed state and never stores
 * the rows; {@code SSE = Σy² − bᵀ A⁺ b} with the pseudo-inverse, because one-hot columns make A singular. The last
 * row is kept too, for the paper's evaluation, which fits on all rows but the last ({@link #sseWithoutLast}).
 */
public final class HindsightLeastSquares {
    static final int STATE_VERSION = 1;
    /** Eigenvalues below this fraction of the largest count as zero (exact collinearity in floating point). */
    static final double RANK_TOLERANCE = 1e-11;

    private final int f;
    private long count;
    private final double[] a;
    private final double[] b;
    private double yy;
    private final double[] lastX;
    private double lastY;

    public HindsightLeastSquares(int features) {
        this(features, 0, new double[features * features], new double[features], 0, new double[features], 0);
    }

    private HindsightLeastSquares(int f, long count, double[] a, double[] b, double yy, double[] lastX, double lastY) {
        if (f < 1) throw new IllegalArgumentException("hindsight least squares needs at least one feature");
        this.f = f;
        this.count = count;
        this.a = a;
        this.b = b;
        this.yy = yy;
        this.lastX = lastX;
        this.lastY = lastY;
    }

    public void add(double[] x, double y) {
        for (int i = 0; i < f; i++) {
            double xi = x[i];
            for (int j = 0; j < f; j++) a[i * f + j] += xi * x[j];
            b[i] += y * xi;
        }
        yy += y * y;
        System.arraycopy(x, 0, lastX, 0, f);
        lastY = y;
        count++;
    }

    public long count() {
        return count;
    }

    /** Least-squares SSE over every row added so far (0 for none). */
    public double sse() {
        return sse(a, b, yy);
    }

    /** Least-squares SSE over every row but the last (the paper's regret evaluation: its fit sees T_g − 1 rows). */
    public double sseWithoutLast() {
        if (count <= 1) return 0;
        double[] a2 = a.clone();
        double[] b2 = b.clone();
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) a2[i * f + j] -= lastX[i] * lastX[j];
            b2[i] -= lastY * lastX[i];
        }
        return sse(a2, b2, yy - lastY * lastY);
    }

    private double sse(double[] am, double[] bv, double yy) {
        if (count == 0) return 0;
        RealMatrix m = new Array2DRowRealMatrix(f, f);
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) m.setEntry(i, j, 0.5 * (am[i * f + j] + am[j * f + i]));
        }
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] lambda = eig.getRealEigenvalues();
        double max = 0;
        for (double l : lambda) max = Math.max(max, l);
        double explained = 0;
        for (int k = 0; k < f; k++) {
            if (lambda[k] > RANK_TOLERANCE * max) {
                RealVector v = eig.getEigenvector(k);
                double proj = 0;
                for (int i = 0; i < f; i++) proj += v.getEntry(i) * bv[i];
                explained += proj * proj / lambda[k];
            }
        }
        return Math.max(0, yy - explained);
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(f);
        out.writeLong(count);
        for (double v : a) out.writeDouble(v);
        for (double v : b) out.writeDouble(v);
        out.writeDouble(yy);
        for (double v : lastX) out.writeDouble(v);
        out.writeDouble(lastY);
    }

    public static HindsightLeastSquares read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("hindsight least squares state version " + v + " is not supported");
        int f = in.readInt();
        if (f < 1 || f > 4096) throw new IOException("hindsight least squares: corrupt feature count " + f);
        long count = in.readLong();
        double[] a = readDoubles(in, f * f);
        double[] b = readDoubles(in, f);
        double yy = in.readDouble();
        double[] lastX = readDoubles(in, f);
        double lastY = in.readDouble();
        return new HindsightLeastSquares(f, count, a, b, yy, lastX, lastY);
    }

    static double[] readDoubles(DataInput in, int n) throws IOException {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        return a;
    }
}
