package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Normalised LMS: {@code W <- W + mu e x^T / (eps + ||x||^2)} with {@code e = y - W x} and {@code W} starting at 0.
 * Parameters: {@code mu} (default 0.5; stable for 0 &lt; mu &lt; 2), {@code eps} (default 1e-6, keeps the step finite
 * for a zero input).
 */
public final class Nlms extends LinearModel {
    public static final String KIND = "nlms";
    static final int STATE_VERSION = 1;
    public static final double DEFAULT_MU = 0.5;
    public static final double DEFAULT_EPS = 1e-6;

    private final double mu;
    private final double eps;

    private final transient double[] e;

    public static Nlms create(LearnerSpec spec, LearnerContext ctx) {
        return new Nlms(ctx.outputDim(), ctx.history(),
                Dense.positive(KIND, "mu", spec.param("mu", DEFAULT_MU)),
                Dense.positive(KIND, "eps", spec.param("eps", DEFAULT_EPS)),
                null, 0);
    }

    Nlms(int d, int k, double mu, double eps, double[] w, long steps) {
        super(d, k, w, steps);
        this.mu = mu;
        this.eps = eps;
        this.e = new double[d];
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void learn(double[] x, double[] y) {
        Dense.matVec(w, d, m, x, e);
        for (int i = 0; i < d; i++) {
            e[i] = y[i] - e[i];
        }
        double step = mu / (eps + Dense.dot(x, x, m));
        Dense.addScaledOuter(w, d, m, step, e, x);
        steps++;
    }

    @Override
    public Nlms copy() {
        return new Nlms(d, k, mu, eps, w.clone(), steps);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeDouble(mu);
        out.writeDouble(eps);
        out.writeLong(steps);
        Dense.writeDoubles(out, w);
    }

    static Nlms read(DataInput in) throws IOException {
        Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        double mu = in.readDouble();
        double eps = in.readDouble();
        long steps = in.readLong();
        double[] w = Dense.readDoubles(in, d * (1 + d * k));
        return new Nlms(d, k, mu, eps, w, steps);
    }
}
