package io.tidecast.operators;

import io.tidecast.learners.metrics.PointLayout;
import io.tidecast.learners.metrics.RollingErrors;
import io.tidecast.learners.policy.ExpertPolicy;
import io.tidecast.learners.policy.Policies;
import io.tidecast.learners.policy.RegretTracker;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An ensemble or search at one horizon for one key: an expert policy over that horizon's member tracks whose
 * weights are learned only from losses at this horizon, as they arrive (causal and horizon-aware), and the weighted
 * mixture of the members' forecasts (or, in pick mode, the forecast of the member with the largest weight) as its
 * own forecast, scored like any model. It also keeps the regret accounts: every member's cumulative loss and the
 * emitted forecast's, on the same loss, overall and per group.
 */
final class Ensemble {
    final String model;
    final long horizonMs;
    final int steps;
    /** Indices of the member tracks in {@link KeyState#tracks}. */
    final int[] members;
    final ExpertPolicy policy;
    final double[] pending;
    final double[] previous;
    boolean hasPrevious;
    /** Error sums; the target moments of the horizon are the key's ({@link KeyState#targets}). */
    RollingErrors errors;
    /** Cumulative loss of every member, on the ensemble's loss. */
    final RegretTracker accounts;
    /** Cumulative loss of the emitted mixture forecast. */
    double mixtureLoss;
    /** Pick mode: forecast with the member of largest weight instead of the weighted mean. */
    boolean pick;
    GroupRegret groups;

    Ensemble(String model, long horizonMs, int steps, int[] members, ExpertPolicy policy, int dim, PointLayout layout, int panes,
             RegretTracker regret) {
        this(model, horizonMs, steps, members, policy, dim, layout, panes, regret, false, new GroupRegret(members.length, steps));
    }

    Ensemble(String model, long horizonMs, int steps, int[] members, ExpertPolicy policy, int dim, PointLayout layout, int panes,
             RegretTracker regret, boolean pick, GroupRegret groups) {
        this.model = model;
        this.horizonMs = horizonMs;
        this.steps = steps;
        this.members = members;
        this.policy = policy;
        this.pending = new double[steps * dim];
        this.previous = new double[dim];
        this.errors = new RollingErrors(layout, panes, false);
        this.accounts = regret;
        this.pick = pick;
        this.groups = groups;
    }

    /** The member with the largest weight in {@code w} (first on ties): the pick-mode forecaster. */
    static int leader(double[] w, int n) {
        int b = 0;
        for (int i = 1; i < n; i++) if (w[i] > w[b]) b = i;
        return b;
    }

    /** Regret of the mixture against the best fixed member in hindsight, on the ensemble's loss. */
    double regret() {
        return mixtureLoss - accounts.bestLoss();
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(model);
        out.writeLong(horizonMs);
        out.writeInt(steps);
        out.writeInt(members.length);
        for (int m : members) out.writeInt(m);
        Policies.write(policy, out);
        accounts.writeState(out);
        out.writeDouble(mixtureLoss);
        for (double v : pending) out.writeDouble(v);
        out.writeBoolean(hasPrevious);
        for (double v : previous) out.writeDouble(v);
        errors.write(out);
        out.writeBoolean(pick); // from KeyState version 2
        groups.write(out);
    }

    /** @param version the {@link KeyState} format version the state was written in (1: no pick mode, no groups) */
    static Ensemble read(DataInput in, int version, int dim, PointLayout layout, int panes) throws IOException {
        String model = in.readUTF();
        long horizonMs = in.readLong();
        int steps = in.readInt();
        int[] members = new int[in.readInt()];
        for (int i = 0; i < members.length; i++) members[i] = in.readInt();
        ExpertPolicy policy = (ExpertPolicy) Policies.read(in);
        Ensemble e = new Ensemble(model, horizonMs, steps, members, policy, dim, layout, panes, RegretTracker.read(in));
        e.mixtureLoss = in.readDouble();
        for (int i = 0; i < e.pending.length; i++) e.pending[i] = in.readDouble();
        e.hasPrevious = in.readBoolean();
        for (int i = 0; i < dim; i++) e.previous[i] = in.readDouble();
        if (version < 4) {
            e.errors = KeyState.readLegacyErrors(in, layout, panes)[0]; // the horizon's targets come from its tracks
        } else {
            e.errors.read(in);
        }
        if (version >= 2) {
            e.pick = in.readBoolean();
            e.groups = GroupRegret.read(in, members.length);
        }
        return e;
    }
}
