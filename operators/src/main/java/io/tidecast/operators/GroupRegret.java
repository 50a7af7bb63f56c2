package io.tidecast.operators;

import io.tidecast.learners.policy.RegretTracker;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Groupwise regret of one ensemble at one horizon: for every group a key's samples have named (their
 * {@code groups}), the ensemble's cumulative loss and every member's on the subsequence of forecasts made from
 * samples of that group, so the regret per group is against the member that is best on that group's subsequence
 * (Acharya et al. 2024). A forecast's groups are those of the sample it was made from, remembered until its target
 * arrives. At most {@link #MAX_GROUPS} groups per key are tracked (first seen, first kept), which bounds the state.
 */
final class GroupRegret {
    static final int MAX_GROUPS = 64;

    private final int members;
    final List<String> names = new ArrayList<>();
    final List<RegretTracker> accounts = new ArrayList<>();
    final List<double[]> mixtureLoss = new ArrayList<>();
    /** Group bit mask of the forecast waiting in each slot (slot = sample index mod horizon steps). */
    private final long[] pending;

    GroupRegret(int members, int steps) {
        this.members = members;
        this.pending = new long[steps];
    }

    int size() {
        return names.size();
    }

    /** Remembers the groups of the sample a forecast in {@code slot} was made from, registering new groups. */
    void forecastMade(int slot, String[] groups) {
        long mask = 0;
        if (groups != null) {
            for (String g : groups) {
                if (g == null) continue;
                int i = names.indexOf(g);
                if (i < 0 && names.size() < MAX_GROUPS) {
                    names.add(g);
                    accounts.add(new RegretTracker(members));
                    mixtureLoss.add(new double[1]);
                    i = names.size() - 1;
                }
                if (i >= 0) mask |= 1L << i;
            }
        }
        pending[slot] = mask;
    }

    /** The forecast in {@code slot} was scored: charge its groups the members' losses and the ensemble's own. */
    void scored(int slot, double[] weights, double[] losses, double ensembleLoss) {
        long mask = pending[slot];
        for (int g = 0; mask != 0; g++, mask >>>= 1) {
            if ((mask & 1) == 0) continue;
            accounts.get(g).record(weights, losses);
            mixtureLoss.get(g)[0] += ensembleLoss;
        }
    }

    double regret(int g) {
        return mixtureLoss.get(g)[0] - accounts.get(g).bestLoss();
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(pending.length);
        for (long m : pending) out.writeLong(m);
        out.writeInt(names.size());
        for (int g = 0; g < names.size(); g++) {
            out.writeUTF(names.get(g));
            out.writeDouble(mixtureLoss.get(g)[0]);
            accounts.get(g).writeState(out);
        }
    }

    static GroupRegret read(DataInput in, int members) throws IOException {
        int steps = in.readInt();
        if (steps < 1 || steps > 1 << 24) throw new IOException("corrupt group regret state: " + steps + " slots");
        GroupRegret r = new GroupRegret(members, steps);
        for (int i = 0; i < steps; i++) r.pending[i] = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > MAX_GROUPS) throw new IOException("corrupt group regret state: " + n + " groups");
        for (int g = 0; g < n; g++) {
            r.names.add(in.readUTF());
            r.mixtureLoss.add(new double[] {in.readDouble()});
            r.accounts.add(RegretTracker.read(in));
        }
        return r;
    }
}
