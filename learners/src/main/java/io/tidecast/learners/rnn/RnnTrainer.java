package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import static io.tidecast.learners.kernel.Dot.dot;
import static io.tidecast.learners.kernel.Dot.dot2;
import static io.tidecast.learners.kernel.Dot.dot4;
import static io.tidecast.learners.kernel.Dot.matVec;

import io.tidecast.learners.kernel.Rows;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A vanilla tanh RNN with a linear read-out and no output bias, trained online by one of four gradient
 * approximations (P25, Pohl et al. 2025, §4 of the reproduction spec):
 *
 * <pre>
 *   z_t = W_a x_{t-1} + W_b u_t,   x_t = tanh(z_t),   ŷ_t = W_c x_t,   e_t = y_t − ŷ_t,   L_t = ½‖e_t‖²
 * </pre>
 *
 * with q hidden units, {@code inputDim} = m+1 inputs (u_t's first entry is the constant 1, so W_b's first column
 * is the hidden bias) and p outputs. W_a, W_b and W_c start i.i.d. N(0, initStd²) (0.02 in the paper) and x_0 = 0.
 *
 * <p><b>One online step</b> ({@link #predictAndLearn}), exactly the paper's protocol: forward from the stored state
 * x_{t−1} with the current weights, predict ŷ_t, compute e_t, let the trainer form its estimate of ∇L_t over
 * [W_a, W_b] (and update its influence / tangent / synthetic-gradient state), take the exact W_c gradient
 * −e_t x_tᵀ, clip the global norm of the whole gradient over [W_a, W_b, W_c] to {@code clip} (100 in P25),
 * take a plain SGD step θ ← θ − η g, and keep x_t as the new state.
 *
 * <p>Storage: W_a and W_b are held side by side as one row-major q × n matrix W = [W_a | W_b], n = q + m + 1,
 * so that z_t = W v_t with v_t = [x_{t−1}; u_t]; W_c is row-major p × q. A gradient over [W_a, W_b] is laid out
 * like W (row-major); the layout only has to be consistent, since clipping uses only the norm.
 *
 * <p>All randomness (the initialisation and UORO's ν) comes from a seeded Commons RNG
 * (XO_RO_SHI_RO_128_PP) whose state is part of {@link #writeState}, so a restored trainer continues
 * bit-identically. A step allocates nothing. Not thread-safe.
 */
public abstract class RnnTrainer {

    /** The four trainers of P25. */
    public enum Algorithm {
        /** Real-time recurrent learning, full influence matrix, "standard" form (output from the new state). */
        RTRL,
        /** Unbiased online recurrent optimisation, as in the authors' {@code rnn_UORO.m}. */
        UORO,
        /** SnAp-1 with the compressed q × (q+m+1) influence matrix. */
        SNAP1,
        /** Decoupled neural interfaces with the "accurate" update of the linear synthetic-gradient model. */
        DNI
    }

    /** Global-norm clipping threshold of P25. */
    public static final double DEFAULT_CLIP = 100.0;
    /** Standard deviation of the N(0, σ²) weight initialisation of P25. */
    public static final double DEFAULT_INIT_STD = 0.02;

    private static final int STATE_VERSION = 1;

    final int q;
    final int inputDim;
    final int p;
    /** q + inputDim: the columns of W = [W_a | W_b]. */
    final int n;
    final double eta;
    final double clip;
    final double initStd;

    final RestorableUniformRandomProvider rng;
    /** [W_a | W_b], row-major q × n. */
    final double[] wab;
    /** W_c, row-major p × q. */
    final double[] wc;
    /** The hidden state x_{t−1} carried between steps. */
    final double[] x;
    long steps;

    // per-step scratch, valid from the forward pass to the end of the step (trainers read them)
    /** v_t = [x_{t−1}; u_t]. */
    final double[] v;
    /** W_b u_t. */
    final double[] zb;
    final double[] z;
    final double[] xNew;
    /** φ′(z_t) = 1 / cosh²(z_t). */
    final double[] dphi;
    final double[] yhat;
    final double[] e;
    /** g_x = ∂L_t/∂x_t = −W_cᵀ e_t. */
    final double[] gx;

    // scratch of the pure predict()
    private final double[] pzb;
    private final double[] pz;
    private final double[] px;

    /** ‖vec(−e_t x_tᵀ)‖², the W_c part of the squared gradient norm; set before {@link #prepare}. */
    double wcSq;
    /**
     * Set by a {@link #prepare} that has already taken the unclipped step W ← W − η g_ab in the same sweep that
     * formed g_ab, having proved with {@link #provablyUnclipped} that the clipping would not scale it.
     */
    boolean abApplied;

    /** Test hook: when non-null, each step copies its (unclipped) [W_a, W_b] gradient estimate here. */
    double[] gradientCapture;

    RnnTrainer(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed,
               boolean initialise) {
        if (hidden < 1) throw new IllegalArgumentException("hidden units must be >= 1, got " + hidden);
        if (inputDim < 1) throw new IllegalArgumentException("inputDim (m+1, including the bias 1) must be >= 1, got " + inputDim);
        if (outputDim < 1) throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
        if (!(eta >= 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta);
        if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
        if (!(initStd >= 0) || Double.isInfinite(initStd)) throw new IllegalArgumentException("initStd must be finite and >= 0, got " + initStd);
        this.q = hidden;
        this.inputDim = inputDim;
        this.p = outputDim;
        this.n = hidden + inputDim;
        this.eta = eta;
        this.clip = clip;
        this.initStd = initStd;
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        this.wab = new double[Math.multiplyExact(q, n)];
        this.wc = new double[p * q];
        this.x = new double[q];
        this.v = new double[n];
        this.zb = new double[q];
        this.z = new double[q];
        this.xNew = new double[q];
        this.dphi = new double[q];
        this.yhat = new double[p];
        this.e = new double[p];
        this.gx = new double[q];
        this.pzb = new double[q];
        this.pz = new double[q];
        this.px = new double[q];
        if (initialise) {
            NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < q; i++) for (int j = 0; j < q; j++) wab[i * n + j] = initStd * g.sample();            // W_a
            for (int i = 0; i < q; i++) for (int j = 0; j < inputDim; j++) wab[i * n + q + j] = initStd * g.sample(); // W_b
            for (int k = 0; k < wc.length; k++) wc[k] = initStd * g.sample();                                     // W_c
        }
    }

    // ---------------------------------------------------------------------------------------- factories

    /** A trainer with P25's fixed settings: clipping at {@value #DEFAULT_CLIP}, init N(0, 0.02²). */
    public static RnnTrainer create(Algorithm algorithm, int hidden, int inputDim, int outputDim, double eta, long seed) {
        return create(algorithm, hidden, inputDim, outputDim, eta, DEFAULT_CLIP, DEFAULT_INIT_STD, seed);
    }

    /**
     * @param hidden    q, hidden units
     * @param inputDim  m+1, the length of u_t including its leading bias entry 1
     * @param outputDim p
     * @param eta       constant SGD learning rate η (0 freezes the weights; the trainer state still evolves)
     * @param clip      global-norm clipping threshold over [W_a, W_b, W_c] (100 in P25, 2 in P22)
     * @param initStd   σ of the N(0, σ²) initialisation of W_a, W_b, W_c
     * @param seed      seed of the trainer's random generator
     */
    public static RnnTrainer create(Algorithm algorithm, int hidden, int inputDim, int outputDim, double eta,
                                    double clip, double initStd, long seed) {
        switch (algorithm) {
            case RTRL: return new Rtrl(hidden, inputDim, outputDim, eta, clip, initStd, seed, true);
            case UORO: return new Uoro(hidden, inputDim, outputDim, eta, clip, initStd, seed, true);
            case SNAP1: return new SnAp1(hidden, inputDim, outputDim, eta, clip, initStd, seed, true);
            case DNI: return new Dni(hidden, inputDim, outputDim, eta, clip, initStd, seed, true);
            default: throw new IllegalArgumentException("unknown algorithm " + algorithm);
        }
    }

    // ---------------------------------------------------------------------------------------- accessors

    public abstract Algorithm algorithm();

    public final int hidden() { return q; }

    /** m+1: the length of u_t, including the leading bias entry. */
    public final int inputDim() { return inputDim; }

    public final int outputDim() { return p; }

    public final double eta() { return eta; }

    public final double clip() { return clip; }

    public final double initStd() { return initStd; }

    /** The number of {@link #predictAndLearn} steps taken so far. */
    public final long steps() { return steps; }

    /** A copy of the hidden state x_{t−1} the next step starts from. */
    public final double[] hiddenState() { return x.clone(); }

    // ---------------------------------------------------------------------------------------- the online step

    /**
     * One online step of the paper's protocol (§2.3): forward from the stored state x_{t−1} with input
     * {@code u} (= u_t, first entry the bias 1), write the forecast ŷ_t into {@code yhatOut} (may be null),
     * compute e_t = y_t − ŷ_t with {@code y} (= y_t), update the weights and the trainer state, and keep x_t.
     * The forecast written is the one made <i>before</i> the update.
     */
    public final void predictAndLearn(double[] u, double[] y, double[] yhatOut) {
        checkLength("u", u, inputDim);
        checkLength("y", y, p);
        if (yhatOut != null) checkLength("yhatOut", yhatOut, p);

        System.arraycopy(x, 0, v, 0, q);
        System.arraycopy(u, 0, v, q, inputDim);
        forward(u, x, zb, z, xNew);
        for (int i = 0; i < q; i++) {
            double c = Fdlibm.cosh(z[i]);
            dphi[i] = 1.0 / (c * c);
        }
        readout(xNew, yhat);
        if (yhatOut != null) System.arraycopy(yhat, 0, yhatOut, 0, p);
        double e2 = 0;
        for (int k = 0; k < p; k++) {
            e[k] = y[k] - yhat[k];
            e2 += e[k] * e[k];
        }
        // g_x = −W_cᵀ e  (W_c before its update)
        java.util.Arrays.fill(gx, 0.0);
        for (int k = 0; k < p; k++) Rows.subScaled(gx, 0, e[k], wc, k * q, q);

        double x2 = 0;
        for (int i = 0; i < q; i++) x2 += xNew[i] * xNew[i];
        wcSq = e2 * x2;
        abApplied = false;
        double gabSq = prepare(y);
        if (gradientCapture != null) copyGradientAB(gradientCapture);

        double step;
        if (abApplied) {
            step = eta; // = η·1: prepare proved ‖g‖ ≤ clip and took this step itself
        } else {
            double norm = Math.sqrt(gabSq + wcSq); // ‖[g_ab, vec(−e xᵀ)]‖₂
            double scale = norm > clip ? clip / norm : 1.0;
            step = eta * scale;
            applyAB(step);
        }
        // W_c ← W_c − step·(−e x_tᵀ)
        for (int k = 0; k < p; k++) Rows.addScaled(wc, k * q, step * e[k], xNew, 0, q);
        System.arraycopy(xNew, 0, x, 0, q);
        steps++;
    }

    /**
     * The forecast ŷ_t = W_c tanh(W_a x_{t−1} + W_b u) from the stored state x_{t−1} and input {@code u}, with
     * the current weights. Pure: changes no state (it is exactly the ŷ_t the next {@link #predictAndLearn}
     * with the same {@code u} would produce).
     */
    public final void predict(double[] u, double[] out) {
        checkLength("u", u, inputDim);
        checkLength("out", out, p);
        forward(u, x, pzb, pz, px);
        readout(px, out);
    }

    /**
     * Advances an external hidden state {@code state} (x_{t−1} → x_t, in place) with input {@code u} and the current
     * weights, and writes the forecast W_c x_t into {@code out}. Changes nothing in the trainer: it serves a forecasting
     * trajectory kept apart from the learning one, as in a causal (delayed-update) protocol where the learned windows
     * lag the newest input.
     */
    public final void forecastFrom(double[] state, double[] u, double[] out) {
        checkLength("state", state, q);
        checkLength("u", u, inputDim);
        checkLength("out", out, p);
        forward(u, state, pzb, pz, px);
        System.arraycopy(px, 0, state, 0, q);
        readout(px, out);
    }

    /** z = W_a xPrev + W_b u (the two products summed at the end, as in the reference code); xOut = tanh(z). */
    private void forward(double[] u, double[] xPrev, double[] zbOut, double[] zOut, double[] xOut) {
        final int q = this.q, n = this.n;
        final double[] wab = this.wab;
        int i = 0;
        for (; i + 3 < q; i += 4) {
            dot4(wab, i * n + q, n, u, 0, inputDim, zbOut, i);
            dot4(wab, i * n, n, xPrev, 0, q, zOut, i);
            zOut[i] += zbOut[i];
            zOut[i + 1] += zbOut[i + 1];
            zOut[i + 2] += zbOut[i + 2];
            zOut[i + 3] += zbOut[i + 3];
        }
        for (; i + 1 < q; i += 2) {
            dot2(wab, i * n + q, (i + 1) * n + q, u, 0, inputDim, zbOut, i);
            dot2(wab, i * n, (i + 1) * n, xPrev, 0, q, zOut, i);
            zOut[i] += zbOut[i];
            zOut[i + 1] += zbOut[i + 1];
        }
        if (i < q) {
            zbOut[i] = dot(wab, i * n + q, u, 0, inputDim);
            zOut[i] = dot(wab, i * n, xPrev, 0, q) + zbOut[i];
        }
        for (i = 0; i < q; i++) xOut[i] = Fdlibm.tanh(zOut[i]);
    }

    private void readout(double[] h, double[] out) {
        matVec(wc, 0, q, p, h, 0, q, out);
    }

    // ---------------------------------------------------------------------------------------- trainer hooks

    /**
     * Called after the forward pass (fields v, zb, z, xNew, dphi, e, gx are set, weights are still the
     * pre-update ones): forms the trainer's estimate g_ab of ∂L_t/∂[W_a, W_b] and advances whatever trainer
     * state needs the pre-update weights. Returns ‖g_ab‖².
     */
    abstract double prepare(double[] y);

    /** W ← W − step · g_ab, and finishes the trainer's state update. */
    abstract void applyAB(double step);

    /** W_ab ← W_ab − step · g_ab, for the trainers that hold g_ab densely (row-major q × n like W). */
    final void descendDense(double[] gab, double step) {
        final double[] wab = this.wab;
        for (int k = 0; k < gab.length; k++) wab[k] -= step * gab[k];
    }

    /** Writes g_ab (row-major q × n like W) into {@code out}; valid between {@link #prepare} and {@link #applyAB}. */
    abstract void copyGradientAB(double[] out);

    abstract void writeTrainerState(DataOutput out) throws IOException;

    abstract void readTrainerState(DataInput in) throws IOException;

    /**
     * True when a gradient whose [W_a, W_b] part has squared norm at most {@code gabSqBound} is certainly not
     * clipped: then the step is η whatever the exact norm, so a trainer may update W while it forms g_ab (one
     * sweep instead of two) with bit-identical results. The 1e-6 margin covers the rounding of the exact norm.
     */
    final boolean provablyUnclipped(double gabSqBound) {
        return (gabSqBound + wcSq) * (1 + 1e-6) <= clip * clip;
    }

    // ---------------------------------------------------------------------------------------- state

    /** Writes the complete state (configuration, RNG state, weights, hidden state, trainer state). */
    public final void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeUTF(algorithm().name());
        out.writeInt(q);
        out.writeInt(inputDim);
        out.writeInt(p);
        out.writeDouble(eta);
        out.writeDouble(clip);
        out.writeDouble(initStd);
        out.writeLong(steps);
        StateIO.writeBytes(out, ((RandomProviderDefaultState) rng.saveState()).getState());
        StateIO.writeDoubles(out, wab);
        StateIO.writeDoubles(out, wc);
        StateIO.writeDoubles(out, x);
        writeTrainerState(out);
    }

    /** Reads a trainer written by {@link #writeState}. */
    public static RnnTrainer read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("RNN state version " + version + " is not supported (expected " + STATE_VERSION + ")");
        }
        Algorithm alg;
        try {
            alg = Algorithm.valueOf(in.readUTF());
        } catch (IllegalArgumentException ex) {
            throw new IOException("corrupt RNN state: " + ex.getMessage(), ex);
        }
        int hidden = in.readInt();
        int inDim = in.readInt();
        int outDim = in.readInt();
        double eta = in.readDouble();
        double clip = in.readDouble();
        double initStd = in.readDouble();
        long steps = in.readLong();
        RnnTrainer t;
        try {
            switch (alg) {
                case RTRL: t = new Rtrl(hidden, inDim, outDim, eta, clip, initStd, 0L, false); break;
                case UORO: t = new Uoro(hidden, inDim, outDim, eta, clip, initStd, 0L, false); break;
                case SNAP1: t = new SnAp1(hidden, inDim, outDim, eta, clip, initStd, 0L, false); break;
                case DNI: t = new Dni(hidden, inDim, outDim, eta, clip, initStd, 0L, false); break;
                default: throw new IOException("unknown algorithm " + alg);
            }
        } catch (IllegalArgumentException ex) {
            throw new IOException("corrupt RNN state: " + ex.getMessage(), ex);
        }
        t.steps = steps;
        t.rng.restoreState(new RandomProviderDefaultState(StateIO.readBytes(in)));
        StateIO.readDoubles(in, t.wab);
        StateIO.readDoubles(in, t.wc);
        StateIO.readDoubles(in, t.x);
        t.readTrainerState(in);
        return t;
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static void checkLength(String what, double[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has length " + a.length + ", expected " + expected);
        }
    }
}
