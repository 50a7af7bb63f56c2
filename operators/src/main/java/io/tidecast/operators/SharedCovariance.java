package io.tidecast.operators;

import io.tidecast.learners.BulkDoubles;
import io.tidecast.learners.RlsCovariance;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One RLS inverse covariance for all horizons of one learner of a key. P follows the input windows only, and every
 * horizon learns the same windows in the same order (horizon h learns window e when sample e + h arrives), so one
 * P, advanced once per window, gives every horizon exactly the gain its own P would have given: the covariance
 * state and the O(m²) update are paid once instead of once per horizon. The gains of the windows some horizon
 * has yet to learn are kept, one slot per window.
 */
final class SharedCovariance {
    final String model;
    final RlsCovariance covariance;
    /** Gains of windows {@code next - slots .. next - 1}: window e in slot e % slots, P x then 1 / denom (NaN: skip). */
    final double[][] gains;
    /** The next window P has not seen. */
    long next;

    SharedCovariance(String model, RlsCovariance covariance, int slots, long firstWindow) {
        this.model = model;
        this.covariance = covariance;
        this.gains = new double[slots][covariance.inputDim() + 1];
        this.next = firstWindow;
    }

    /** A deep copy: what copy-on-write takes for the key after each checkpoint. */
    SharedCovariance copy() {
        SharedCovariance c = new SharedCovariance(model, covariance.copy(), gains.length, next);
        for (int i = 0; i < gains.length; i++) System.arraycopy(gains[i], 0, c.gains[i], 0, gains[i].length);
        return c;
    }

    /** Window e's gain row; P must have seen window e ({@link #seen}) within the last {@code slots} windows. */
    double[] gain(long e) {
        if (e >= next || e < next - gains.length) throw new IllegalStateException("gain of window " + e + " not kept (next " + next + ")");
        return gains[(int) (e % gains.length)];
    }

    boolean seen(long e) {
        return e < next;
    }

    /** P takes window {@code next} (input x) and keeps its gain. */
    void advance(double[] x) {
        double[] g = gains[(int) (next % gains.length)];
        int m = covariance.inputDim();
        double inv = covariance.gain(x, g);
        g[m] = inv;
        if (!Double.isNaN(inv)) covariance.downdate(g, inv);
        next++;
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(model);
        out.writeInt(gains.length);
        out.writeLong(next);
        covariance.write(out);
        for (double[] g : gains) BulkDoubles.write(out, g);
    }

    static SharedCovariance read(DataInput in) throws IOException {
        String model = in.readUTF();
        int slots = in.readInt();
        long next = in.readLong();
        SharedCovariance s = new SharedCovariance(model, RlsCovariance.read(in), slots, next);
        for (double[] g : s.gains) BulkDoubles.read(in, g, 0, g.length);
        return s;
    }
}
