package io.tidecast.learners.relax;

import io.tidecast.learners.policy.BanditPolicy;
import io.tidecast.learners.policy.ContextualBanditPolicy;
import io.tidecast.learners.policy.Policies;
import io.tidecast.learners.policy.Policy;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-key state of the relaxation tuner: one bandit per configured {@link RelaxPolicy} over {@link OmegaGrid},
 * and the cumulative costs needed for regret against the best fixed grid omega in hindsight and against Young's
 * instance-optimal omega. Plain data with a versioned format ({@link #write}/{@link #read}); O(grid) state per
 * policy, independent of the number of systems seen.
 */
public final class RelaxLearner {
    static final int STATE_VERSION = 1;

    private final RelaxPolicy[] policies;
    private final Policy[] bandits;
    private final double[] policyCost;
    private final double[] gridCost;
    private double starCost;
    private long steps;

    private final transient double[] p = new double[OmegaGrid.SIZE];
    private final transient double[] ctx = new double[1];

    /** What one policy did on one system. */
    public record Outcome(RelaxPolicy policy, int arm, double omega, int cost, double probability,
                          double cumulativeCost, double regretBestFixed, double regretInstanceOptimal) {}

    private RelaxLearner(RelaxPolicy[] policies, Policy[] bandits, double[] policyCost, double[] gridCost, double starCost, long steps) {
        this.policies = policies;
        this.bandits = bandits;
        this.policyCost = policyCost;
        this.gridCost = gridCost;
        this.starCost = starCost;
        this.steps = steps;
    }

    /** Fresh learners; policy i's random source is seeded with {@code policySeed(seed, i)}. */
    public static RelaxLearner create(List<RelaxPolicy> policies, long seed) {
        RelaxPolicy[] ps = policies.toArray(new RelaxPolicy[0]);
        Policy[] bs = new Policy[ps.length];
        for (int i = 0; i < ps.length; i++) bs[i] = Policies.create(ps[i].spec(RelaxInstances.mix(seed, -1 - i, ps[i].ordinal())));
        return new RelaxLearner(ps, bs, new double[ps.length], new double[OmegaGrid.SIZE], 0, 0);
    }

    public List<RelaxPolicy> policies() {
        return List.of(policies);
    }

    public long steps() {
        return steps;
    }

    /** The arm each policy plays on a system with this context, drawn now (one draw per policy). */
    public int[] choose(double context) {
        int[] arms = new int[policies.length];
        ctx[0] = context;
        for (int i = 0; i < policies.length; i++) {
            if (bandits[i] instanceof ContextualBanditPolicy c) arms[i] = c.pick(ctx);
            else arms[i] = ((BanditPolicy) bandits[i]).pick();
        }
        return arms;
    }

    /**
     * Feeds back the costs of the arms from {@link #choose} (importance weighted with their probabilities at the
     * time of the choice, which {@code choose} left unchanged) and books the full cost table for the regrets.
     */
    public List<Outcome> learn(double context, int[] arms, CostTable costs) {
        ctx[0] = context;
        double[] probs = new double[policies.length];
        for (int i = 0; i < policies.length; i++) {
            if (bandits[i] instanceof ContextualBanditPolicy c) c.probabilities(ctx, p);
            else ((BanditPolicy) bandits[i]).probabilities(p);
            probs[i] = p[arms[i]];
        }
        for (int j = 0; j < gridCost.length; j++) gridCost[j] += costs.grid()[j];
        starCost += costs.star();
        steps++;
        double best = Double.POSITIVE_INFINITY;
        for (double g : gridCost) best = Math.min(best, g);
        List<Outcome> out = new ArrayList<>(policies.length);
        for (int i = 0; i < policies.length; i++) {
            int cost = costs.grid()[arms[i]];
            if (bandits[i] instanceof ContextualBanditPolicy c) c.update(ctx, arms[i], cost, probs[i]);
            else ((BanditPolicy) bandits[i]).update(arms[i], cost, probs[i]);
            policyCost[i] += cost;
            out.add(new Outcome(policies[i], arms[i], OmegaGrid.omega(arms[i]), cost, probs[i], policyCost[i],
                    policyCost[i] - best, policyCost[i] - starCost));
        }
        return out;
    }

    /** One round: choose, then learn. */
    public List<Outcome> step(double context, CostTable costs) {
        return learn(context, choose(context), costs);
    }

    /** The best fixed grid index in hindsight so far (lowest index on ties). */
    public int bestFixedArm() {
        int b = 0;
        for (int j = 1; j < gridCost.length; j++) if (gridCost[j] < gridCost[b]) b = j;
        return b;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(policies.length);
        for (int i = 0; i < policies.length; i++) {
            out.writeUTF(policies[i].id);
            Policies.write(bandits[i], out);
            out.writeDouble(policyCost[i]);
        }
        for (double g : gridCost) out.writeDouble(g);
        out.writeDouble(starCost);
        out.writeLong(steps);
    }

    public static RelaxLearner read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("relax learner state version " + v + " is not supported (reads " + STATE_VERSION + ")");
        int m = in.readInt();
        if (m < 1 || m > RelaxPolicy.values().length) throw new IOException("relax learner state: corrupt policy count " + m);
        RelaxPolicy[] ps = new RelaxPolicy[m];
        Policy[] bs = new Policy[m];
        double[] pc = new double[m];
        for (int i = 0; i < m; i++) {
            ps[i] = RelaxPolicy.byId(in.readUTF());
            bs[i] = Policies.read(in);
            pc[i] = in.readDouble();
        }
        double[] g = new double[OmegaGrid.SIZE];
        for (int j = 0; j < g.length; j++) g[j] = in.readDouble();
        double star = in.readDouble();
        long steps = in.readLong();
        return new RelaxLearner(ps, bs, pc, g, star, steps);
    }
}
