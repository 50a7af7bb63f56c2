package io.tidecast.learners;

/**
 * A linear forecaster {@code y = W x} over the window input: what the least-squares learners share (their
 * dimensions, the weights W, d x m row-major, a step counter and the prediction); they differ only in how
 * {@link #learn} moves W.
 */
abstract class LinearModel implements OnlineRegressor {
    final int d;
    final int k;
    final int m;
    /** d x m, row-major. */
    final double[] w;
    long steps;

    LinearModel(int d, int k, double[] w, long steps) {
        Dense.checkDims(d, k);
        this.d = d;
        this.k = k;
        this.m = 1 + d * k;
        this.w = w == null ? new double[d * m] : w;
        this.steps = steps;
    }

    @Override
    public int inputDim() {
        return m;
    }

    @Override
    public int outputDim() {
        return d;
    }

    /** Updates learned so far. */
    public long steps() {
        return steps;
    }

    /** A copy of W (d x m, row-major); diagnostic, allocates. */
    public double[] weights() {
        return w.clone();
    }

    @Override
    public void predict(double[] x, double[] out) {
        Dense.matVec(w, d, m, x, out);
    }
}
