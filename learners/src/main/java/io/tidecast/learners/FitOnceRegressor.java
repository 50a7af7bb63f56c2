package io.tidecast.learners;

/**
 * The published offline baselines' protocol (warm-up OLS, kernel SVR): collect the first {@code fitPairs} learned
 * pairs, fit once, then stay frozen; until the fit, forecast the last value of the window so the learner is usable
 * from the first step. Subclasses say how to collect a pair, how to fit and how a fitted model forecasts.
 */
abstract class FitOnceRegressor implements OnlineRegressor {
    final int d;
    final int k;
    final int m;
    final int fitPairs;
    int pairs;

    FitOnceRegressor(int d, int k, int fitPairs, int pairs) {
        Dense.checkDims(d, k);
        this.d = d;
        this.k = k;
        this.m = 1 + d * k;
        this.fitPairs = fitPairs;
        this.pairs = pairs;
    }

    @Override
    public final int inputDim() {
        return m;
    }

    @Override
    public final int outputDim() {
        return d;
    }

    public abstract boolean fitted();

    /** Pairs collected so far (stays at {@link #fitPairs()} once fitted). */
    public final int pairs() {
        return pairs;
    }

    public final int fitPairs() {
        return fitPairs;
    }

    @Override
    public final void predict(double[] x, double[] out) {
        if (fitted()) {
            predictFitted(x, out);
        } else {
            System.arraycopy(x, m - d, out, 0, d); // last value until fitted
        }
    }

    @Override
    public final void learn(double[] x, double[] y) {
        if (fitted()) {
            return; // frozen
        }
        collect(x, y);
        pairs++;
        if (pairs >= fitPairs) {
            fit();
        }
    }

    /** Keeps what the fit needs of pair number {@link #pairs} (0-based, not yet counted). */
    abstract void collect(double[] x, double[] y);

    /** Fits on the collected pairs; runs once, so it may allocate. Afterwards {@link #fitted()} is true. */
    abstract void fit();

    abstract void predictFitted(double[] x, double[] out);
}
