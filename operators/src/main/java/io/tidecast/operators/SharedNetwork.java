package io.tidecast.operators;

import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import io.tidecast.learners.rnn.RnnLearner;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One RNN serving every horizon of one learner of a key. The recurrent core, its trainer state (for SnAp-1 the
 * influence matrix, the bulk of a key's state) and the read-out of the shortest horizon are exactly the per-horizon
 * network of that horizon: it learns window e at sample e + h_min from y_{e+h_min}, so its forecasts are the
 * per-horizon network's, bit for bit. Every longer horizon h has a linear head W_h (d × (q + 1), bias last) on the
 * forecasting hidden state, which learns as soon as its own target arrives: at sample t, from the hidden state the
 * forecast for t was made from (window t − h, kept in a ring of the last h_max states) with one clipped SGD step of
 * the trainer's output-layer rule (W_h ← W_h + η·s·e [x; 1]ᵀ, s = min(1, clip / (‖e‖ ‖[x; 1]‖)), the trainer's η and
 * clip). The core does not learn from the longer horizons, so they cannot pull it away from the short one.
 *
 * <p>Before the first forecast (the warm-up replay) the ring holds the learning copy's hidden states, so the heads are
 * trained on the warm-up too; from the first forecast on it holds the forecasting states.
 */
final class SharedNetwork {
    final String model;
    RnnLearner network;
    /** Steps ahead of every head, in the configured horizon order. */
    final int[] steps;
    final int maxSteps;
    /** The horizon the core and its own read-out learn (the shortest). */
    final int core;
    final int dim;
    final int q;
    /** Row-major d × (q + 1) read-out of every horizon but {@link #core} (null there). */
    final double[][] heads;
    /** Hidden states of the last {@link #maxSteps} windows, window w at slot w mod maxSteps. */
    final double[] ring;
    /** The heads' forecasts from the newest window, in the key's units: made afresh for every sample, not stored. */
    final transient double[] forecast;
    final transient double[] target;
    final transient double[] coreForecast;
    private final transient double[] hidden;
    private final transient double[] error;

    SharedNetwork(String model, RnnLearner network, int[] steps, int dim) {
        this.model = model;
        this.network = network;
        this.steps = steps.clone();
        int m = 0;
        int c = 0;
        for (int j = 0; j < steps.length; j++) {
            m = Math.max(m, steps[j]);
            if (steps[j] < steps[c]) c = j;
        }
        this.maxSteps = m;
        this.core = c;
        this.dim = dim;
        if (network.outputDim() != dim) {
            throw new IllegalArgumentException("the core network has " + network.outputDim() + " outputs, expected " + dim);
        }
        this.q = network.trainer().hidden();
        this.heads = new double[steps.length][];
        for (int j = 0; j < steps.length; j++) {
            if (j != c) heads[j] = new double[dim * (q + 1)];
        }
        this.ring = new double[m * q];
        this.forecast = new double[steps.length * dim];
        this.target = new double[dim];
        this.hidden = new double[q];
        this.coreForecast = new double[dim];
        this.error = new double[dim];
    }

    /**
     * A network of an unreleased layout to be created afresh: format 4 kept one core trained on the sum of the heads'
     * losses, {@code learning} the longest horizon behind, which cannot be turned into this layout's core.
     */
    private SharedNetwork(String model, int[] steps) {
        this.model = model;
        this.network = null;
        this.steps = steps.clone();
        this.maxSteps = 0;
        this.core = 0;
        this.dim = 0;
        this.q = 0;
        this.heads = null;
        this.ring = null;
        this.forecast = null;
        this.target = null;
        this.coreForecast = null;
        this.hidden = null;
        this.error = null;
    }

    /** Whether this network is a stand-in for one of an older layout, to be created afresh before its next use. */
    boolean stale() {
        return network == null;
    }

    int minSteps() {
        return steps[core];
    }

    /** Samples in the network's input window (its input is the window with a leading bias). */
    int history(int dim) {
        return (network.inputDim() - 1) / dim;
    }

    /** Keeps the hidden state the next forecast starts from as window {@code w}'s. */
    void keepHidden(long w) {
        network.copyHiddenState(hidden);
        System.arraycopy(hidden, 0, ring, (int) (w % maxSteps) * q, q);
    }

    /** Head {@code j}'s forecast from window {@code w}'s kept hidden state, standardised, into {@code out} at {@code off}. */
    void headForecast(int j, long w, double[] out, int off) {
        double[] wj = heads[j];
        int s = (int) (w % maxSteps) * q;
        for (int c = 0; c < dim; c++) {
            int row = c * (q + 1);
            double v = wj[row + q];
            for (int i = 0; i < q; i++) v += wj[row + i] * ring[s + i];
            out[off + c] = v;
        }
    }

    /** One clipped SGD step of head {@code j} toward {@link #target} from window {@code w}'s kept hidden state. */
    void learnHead(int j, long w) {
        double[] scratch = error;
        headForecast(j, w, scratch, 0);
        int s = (int) (w % maxSteps) * q;
        double e2 = 0;
        for (int c = 0; c < dim; c++) {
            scratch[c] = target[c] - scratch[c];
            e2 += scratch[c] * scratch[c];
        }
        double x2 = 1.0;
        for (int i = 0; i < q; i++) x2 += ring[s + i] * ring[s + i];
        double norm = Math.sqrt(e2 * x2);
        double clip = network.trainer().clip();
        double step = network.trainer().eta() * (norm > clip ? clip / norm : 1.0);
        double[] wj = heads[j];
        for (int c = 0; c < dim; c++) {
            double a = step * scratch[c];
            int row = c * (q + 1);
            for (int i = 0; i < q; i++) wj[row + i] += a * ring[s + i];
            wj[row + q] += a;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(model);
        out.writeInt(dim); // 0: stale
        if (stale()) {
            out.writeInt(steps.length);
            for (int s : steps) out.writeInt(s);
            return;
        }
        out.writeInt(steps.length);
        for (int s : steps) out.writeInt(s);
        Learners.write(network, out);
        for (double[] h : heads) {
            if (h != null) for (double v : h) out.writeDouble(v);
        }
        for (double v : ring) out.writeDouble(v);
    }

    static SharedNetwork read(DataInput in) throws IOException {
        String model = in.readUTF();
        int dim = in.readInt();
        int[] steps = readSteps(in);
        if (dim == 0) return new SharedNetwork(model, steps);
        if (dim < 0) throw new IOException("corrupt shared network state: " + dim + " coordinates");
        OnlineRegressor r = Learners.read(in);
        if (!(r instanceof RnnLearner rnn)) throw new IOException("corrupt shared network state: a " + r.kind() + " learner");
        SharedNetwork net;
        try {
            net = new SharedNetwork(model, rnn, steps, dim);
        } catch (IllegalArgumentException ex) {
            throw new IOException("corrupt shared network state: " + ex.getMessage(), ex);
        }
        for (double[] h : net.heads) {
            if (h != null) for (int i = 0; i < h.length; i++) h[i] = in.readDouble();
        }
        for (int i = 0; i < net.ring.length; i++) net.ring[i] = in.readDouble();
        return net;
    }

    /** A format-4 network (one core trained on the sum of the heads' losses): read past, kept as a stale stand-in. */
    static SharedNetwork readFormat4(DataInput in) throws IOException {
        String model = in.readUTF();
        int[] steps = readSteps(in);
        Learners.read(in);
        return new SharedNetwork(model, steps);
    }

    private static int[] readSteps(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > 10_000) throw new IOException("corrupt shared network state: " + n + " heads");
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) steps[i] = in.readInt();
        return steps;
    }
}
