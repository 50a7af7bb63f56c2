package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The published LMS baseline (Pohl et al. 2025), reproduced exactly: {@code W} (d x m) starts at 0;
 * {@code e = y - W x}; gradient {@code G = -e x^T}; if {@code ||G||_F > clip} then {@code G <- clip G / ||G||_F};
 * {@code W <- W - eta G}.
 *
 * <p>Parameters: {@code eta} (default 5e-4), {@code clip} (default 100; {@code Infinity} disables clipping).
 * {@code ||e x^T||_F} is computed as {@code ||e|| ||x||}, which is the same number without the d x m pass.
 */
public final class Lms extends LinearModel {
    public static final String KIND = "lms";
    static final int STATE_VERSION = 1;
    public static final double DEFAULT_ETA = 5e-4;
    public static final double DEFAULT_CLIP = 100.0;

    private final double eta;
    private final double clip;

    private final transient double[] e;

    public static Lms create(LearnerSpec spec, LearnerContext ctx) {
        return new Lms(ctx.outputDim(), ctx.history(),
                Dense.positive(KIND, "eta", spec.param("eta", DEFAULT_ETA)),
                Dense.positive(KIND, "clip", spec.param("clip", DEFAULT_CLIP)),
                null, 0);
    }

    Lms(int d, int k, double eta, double clip, double[] w, long steps) {
        super(d, k, w, steps);
        this.eta = eta;
        this.clip = clip;
        this.e = new double[d];
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void learn(double[] x, double[] y) {
        Dense.matVec(w, d, m, x, e);
        double ee = 0;
        for (int i = 0; i < d; i++) {
            double ei = y[i] - e[i];
            e[i] = ei;
            ee += ei * ei;
        }
        double gNorm = Math.sqrt(ee) * Math.sqrt(Dense.dot(x, x, m)); // ||e x^T||_F = ||e|| ||x||
        double step = gNorm > clip ? eta * clip / gNorm : eta;
        Dense.addScaledOuter(w, d, m, step, e, x);
        steps++;
    }

    @Override
    public Lms copy() {
        return new Lms(d, k, eta, clip, w.clone(), steps);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeDouble(eta);
        out.writeDouble(clip);
        out.writeLong(steps);
        Dense.writeDoubles(out, w);
    }

    static Lms read(DataInput in) throws IOException {
        Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        double eta = in.readDouble();
        double clip = in.readDouble();
        long steps = in.readLong();
        double[] w = Dense.readDoubles(in, d * (1 + d * k));
        return new Lms(d, k, eta, clip, w, steps);
    }
}
