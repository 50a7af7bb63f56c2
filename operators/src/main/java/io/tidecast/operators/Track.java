package io.tidecast.operators;

import io.tidecast.learners.BulkDoubles;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import io.tidecast.learners.metrics.PointLayout;
import io.tidecast.learners.metrics.RollingErrors;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One learner at one horizon for one key: the learner, the forecasts it has made whose targets have not yet
 * arrived (one slot per step of the horizon), and its error figures.
 */
final class Track {
    final String model;
    final long horizonMs;
    final int steps;
    final int history;
    /** The learner, or null when the key's {@link SharedNetwork} of this model serves every horizon (format 4). */
    OnlineRegressor learner;
    /** Forecasts in the key's units; the one made at sample n sits in slot n % steps until sample n + steps. */
    final double[] pending;
    /** The forecast scored last, for jitter; valid when {@code hasPrevious}. */
    final double[] previous;
    boolean hasPrevious;
    /** Error sums; the target moments of the horizon are the key's ({@link KeyState#targets}). */
    RollingErrors errors;
    /** Read from format &lt; 4 only: the target moments this track kept itself, until the key state takes them. */
    transient RollingErrors legacyTargets;

    Track(String model, long horizonMs, int steps, int history, OnlineRegressor learner, int dim, PointLayout layout, int panes) {
        this.model = model;
        this.horizonMs = horizonMs;
        this.steps = steps;
        this.history = history;
        this.learner = learner;
        this.pending = new double[steps * dim];
        this.previous = new double[dim];
        this.errors = new RollingErrors(layout, panes, false);
    }

    private Track(String model, long horizonMs, int steps, int history, OnlineRegressor learner, double[] pending, double[] previous,
            RollingErrors errors) {
        this.model = model;
        this.horizonMs = horizonMs;
        this.steps = steps;
        this.history = history;
        this.learner = learner;
        this.pending = pending;
        this.previous = previous;
        this.errors = errors;
    }

    /** A deep copy; a learner without a direct {@link OnlineRegressor#copy} is copied through its binary format. */
    Track copy() {
        OnlineRegressor l = null;
        if (learner != null) {
            l = learner.copy();
            if (l == null) l = KeyStateSerializer.copyThroughBytes(out -> Learners.write(learner, out), Learners::read);
        }
        Track t = new Track(model, horizonMs, steps, history, l, pending.clone(), previous.clone(), errors.copy());
        t.hasPrevious = hasPrevious;
        return t;
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(model);
        out.writeLong(horizonMs);
        out.writeInt(steps);
        out.writeInt(history);
        out.writeBoolean(learner != null);
        if (learner != null) Learners.write(learner, out);
        BulkDoubles.write(out, pending);
        out.writeBoolean(hasPrevious);
        BulkDoubles.write(out, previous);
        errors.write(out);
    }

    static Track read(DataInput in, int version, int dim, PointLayout layout, int panes) throws IOException {
        String model = in.readUTF();
        long horizonMs = in.readLong();
        int steps = in.readInt();
        int history = in.readInt();
        OnlineRegressor learner = version < 4 || in.readBoolean() ? Learners.read(in) : null;
        Track t = new Track(model, horizonMs, steps, history, learner, dim, layout, panes);
        BulkDoubles.read(in, t.pending, 0, t.pending.length);
        t.hasPrevious = in.readBoolean();
        BulkDoubles.read(in, t.previous, 0, dim);
        if (version < 4) {
            RollingErrors[] split = KeyState.readLegacyErrors(in, layout, panes);
            t.errors = split[0];
            t.legacyTargets = split[1];
        } else {
            t.errors.read(in);
        }
        return t;
    }
}
