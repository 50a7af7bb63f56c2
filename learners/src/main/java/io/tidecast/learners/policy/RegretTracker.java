package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Regret accounting for a policy over N experts or arms, with the losses of all of them known to the tracker
 * (full information, or a simulation of a bandit problem).
 *
 * <p>Per recorded round with played distribution p, losses l and (optionally) realised choice I:
 * <ul>
 *   <li>expected loss of the policy {@code += sum_i p_i l_i} (pseudo-loss of the randomised choice);</li>
 *   <li>realised loss {@code += l_I} (equal to the expected one if no choice is given);</li>
 *   <li>every expert's cumulative loss {@code += l_i}.</li>
 * </ul>
 * External regret = policy loss - loss of the best fixed expert in hindsight; {@link #regretPerStep()} divides it
 * by the number of rounds. {@link Groupwise} keeps one tracker per group on that group's subsequence
 * (groupwise regret against the best expert for that group). State is plain data: O(N) doubles.
 */
public final class RegretTracker {
    static final int STATE_VERSION = 1;

    private final int n;
    private final double[] expertLoss;
    private double expectedLoss;
    private double realisedLoss;
    private long steps;

    public RegretTracker(int n) {
        if (n < 1) throw new IllegalArgumentException("RegretTracker needs at least one expert");
        this.n = n;
        this.expertLoss = new double[n];
    }

    /** A round with played distribution {@code p} (length N, sums to 1), all losses, and the arm actually played. */
    public void record(double[] p, double[] losses, int played) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += p[i] * losses[i];
            expertLoss[i] += losses[i];
        }
        expectedLoss += e;
        realisedLoss += played >= 0 ? losses[played] : e;
        steps++;
    }

    /** A round of a deterministic (weighted-average) policy: realised loss = expected loss. */
    public void record(double[] p, double[] losses) {
        record(p, losses, -1);
    }

    public int size() {
        return n;
    }

    public long steps() {
        return steps;
    }

    public double expectedLoss() {
        return expectedLoss;
    }

    public double realisedLoss() {
        return realisedLoss;
    }

    public double expertLoss(int i) {
        return expertLoss[i];
    }

    public double[] expertLosses() {
        return expertLoss.clone();
    }

    /** The best fixed expert in hindsight (lowest index on ties). */
    public int bestExpert() {
        int b = 0;
        for (int i = 1; i < n; i++) if (expertLoss[i] < expertLoss[b]) b = i;
        return b;
    }

    public double bestLoss() {
        return expertLoss[bestExpert()];
    }

    /** External regret of the expected loss (pseudo-regret) against the best fixed expert. */
    public double regret() {
        return expectedLoss - bestLoss();
    }

    /** External regret of the realised loss. */
    public double realisedRegret() {
        return realisedLoss - bestLoss();
    }

    /** {@link #regret()} / steps (0 before any round). */
    public double regretPerStep() {
        return steps == 0 ? 0 : regret() / steps;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeLong(steps);
        out.writeDouble(expectedLoss);
        out.writeDouble(realisedLoss);
        PolicyIO.writeDoubles(out, expertLoss);
    }

    public static RegretTracker read(DataInput in) throws IOException {
        PolicyIO.readVersion(in, "regret", STATE_VERSION);
        RegretTracker t = new RegretTracker(PolicyIO.readSize(in, "regret", 1 << 24));
        t.steps = in.readLong();
        t.expectedLoss = in.readDouble();
        t.realisedLoss = in.readDouble();
        double[] l = PolicyIO.readDoubles(in, t.n);
        System.arraycopy(l, 0, t.expertLoss, 0, t.n);
        return t;
    }

    /**
     * Groupwise regret: for each of G (possibly intersecting) groups, a {@link RegretTracker} over the rounds in
     * which the group is active, so {@code group(g).regret()} is the policy's loss on g's subsequence minus that
     * of the best fixed expert on that subsequence.
     */
    public static final class Groupwise {
        private final RegretTracker[] groups;

        public Groupwise(int groups, int n) {
            if (groups < 1) throw new IllegalArgumentException("Groupwise needs at least one group");
            this.groups = new RegretTracker[groups];
            for (int g = 0; g < groups; g++) this.groups[g] = new RegretTracker(n);
        }

        /** Records the round in every group with {@code active[g]}. */
        public void record(boolean[] active, double[] p, double[] losses, int played) {
            for (int g = 0; g < groups.length; g++) {
                if (active[g]) groups[g].record(p, losses, played);
            }
        }

        public int groups() {
            return groups.length;
        }

        public RegretTracker group(int g) {
            return groups[g];
        }

        /** The largest expected regret over all groups. */
        public double maxRegret() {
            double m = Double.NEGATIVE_INFINITY;
            for (RegretTracker t : groups) m = Math.max(m, t.regret());
            return m;
        }

        public void writeState(DataOutput out) throws IOException {
            out.writeInt(STATE_VERSION);
            out.writeInt(groups.length);
            for (RegretTracker t : groups) t.writeState(out);
        }

        public static Groupwise read(DataInput in) throws IOException {
            PolicyIO.readVersion(in, "groupwise-regret", STATE_VERSION);
            int g = PolicyIO.readSize(in, "groupwise-regret", 1 << 20);
            RegretTracker[] ts = new RegretTracker[g];
            for (int i = 0; i < g; i++) ts[i] = RegretTracker.read(in);
            Groupwise gw = new Groupwise(g, ts[0].n);
            System.arraycopy(ts, 0, gw.groups, 0, g);
            return gw;
        }
    }
}
