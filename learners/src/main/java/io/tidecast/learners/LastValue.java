package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The "no prediction" baseline: the forecast is the newest sample of the input window. Learns nothing. */
public final class LastValue implements OnlineRegressor {
    private final int outputDim;
    private final int history;

    public LastValue(int outputDim, int history) {
        this.outputDim = outputDim;
        this.history = history;
    }

    @Override
    public String kind() {
        return "last";
    }

    @Override
    public int inputDim() {
        return 1 + outputDim * history;
    }

    @Override
    public int outputDim() {
        return outputDim;
    }

    @Override
    public LastValue copy() {
        return new LastValue(outputDim, history);
    }

    @Override
    public void predict(double[] x, double[] out) {
        System.arraycopy(x, x.length - outputDim, out, 0, outputDim);
    }

    @Override
    public void learn(double[] x, double[] y) {
        // nothing to learn: the baseline is what the others must beat
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(outputDim);
        out.writeInt(history);
    }

    static LastValue read(DataInput in) throws IOException {
        return new LastValue(in.readInt(), in.readInt());
    }
}
