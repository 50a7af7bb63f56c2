package io.tidecast.operators;

import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One RNN serving every horizon of one learner of a key: a single recurrent core and its SnAp/RTRL/UORO/DNI trainer
 * state, with a linear read-out per horizon (an RNN with horizons × d outputs). One network per horizon would keep
 * the core, and the trainer's influence matrix, once per horizon: for SnAp-1 at q = 30 on a 109-wide window that is
 * 67 KB per horizon, the bulk of a key's state.
 *
 * <p>Learning stays causal: the network learns window e once the targets of all its heads have arrived, at sample
 * e + (longest horizon), from [y_{e+h_1}; …; y_{e+h_H}] at once, so its training trajectory runs that many samples
 * behind the stream. Forecasts do not lag: the learner's separate forecasting state ({@link OnlineRegressor#observe})
 * sees every window as it arrives and is advanced with the newest weights. The price against one network per horizon
 * is that a short horizon learns from a window later than it could (the 100 ms head 900 ms later at horizons
 * 100/500/1000 ms).
 */
final class SharedNetwork {
    final String model;
    OnlineRegressor network;
    /** Steps ahead of every head, in the configured horizon order. */
    final int[] steps;
    final int maxSteps;
    /** The heads' forecasts from the newest window, in the key's units: made afresh for every sample, not stored. */
    final transient double[] forecast;
    final transient double[] target;

    SharedNetwork(String model, OnlineRegressor network, int[] steps) {
        this.model = model;
        this.network = network;
        this.steps = steps.clone();
        int m = 0;
        for (int s : steps) m = Math.max(m, s);
        this.maxSteps = m;
        if (network.outputDim() % steps.length != 0) {
            throw new IllegalArgumentException("a network of " + network.outputDim() + " outputs cannot serve " + steps.length + " horizons");
        }
        this.forecast = new double[network.outputDim()];
        this.target = new double[network.outputDim()];
    }

    /** Samples in the network's input window (its input is the window with a leading bias). */
    int history(int dim) {
        return (network.inputDim() - 1) / dim;
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(model);
        out.writeInt(steps.length);
        for (int s : steps) out.writeInt(s);
        Learners.write(network, out);
    }

    static SharedNetwork read(DataInput in) throws IOException {
        String model = in.readUTF();
        int n = in.readInt();
        if (n < 1 || n > 10_000) throw new IOException("corrupt shared network state: " + n + " heads");
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) steps[i] = in.readInt();
        return new SharedNetwork(model, Learners.read(in), steps);
    }
}
