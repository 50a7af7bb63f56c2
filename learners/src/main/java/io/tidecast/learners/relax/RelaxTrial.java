package io.tidecast.learners.relax;

import java.util.List;

/**
 * One trial of the published protocol, offline: T instances from {@link RelaxInstances}, the full cost table of
 * each, every policy playing on it. Keeps the per-instance costs (O(T x (grid + policies)) ints).
 */
public final class RelaxTrial {
    private RelaxTrial() {}

    /** Per-instance costs of one trial: {@code policy[p][t]}, {@code grid[j][t]}, {@code star[t]}, contexts. */
    public record Result(int trial, List<RelaxPolicy> policies, int[][] policy, int[][] grid, int[] star, double[] context) {
        public int instances() {
            return star.length;
        }

        /** Best fixed grid index in hindsight over the whole trial (lowest index on ties). */
        public int bestFixedArm() {
            long best = Long.MAX_VALUE;
            int arm = 0;
            for (int j = 0; j < grid.length; j++) {
                long s = 0;
                for (int c : grid[j]) s += c;
                if (s < best) {
                    best = s;
                    arm = j;
                }
            }
            return arm;
        }
    }

    /** The key of trial {@code trial} in the stream (one key per trial). */
    public static String key(int trial) {
        return "trial-" + trial;
    }

    /** The seed of the learners of stream key {@code key} (instances come from {@link RelaxInstances#instance}). */
    public static long learnerSeed(long seed, String key) {
        return RelaxInstances.mix(seed, key.hashCode(), Long.MIN_VALUE);
    }

    public static Result run(RelaxInstances gen, int trial, int instances, List<RelaxPolicy> policies) {
        RelaxLearner learner = RelaxLearner.create(policies, learnerSeed(gen.seed(), key(trial)));
        Sor sor = new Sor(RelaxInstances.GRID * RelaxInstances.GRID);
        int[][] pc = new int[policies.size()][instances];
        int[][] gc = new int[OmegaGrid.SIZE][instances];
        int[] star = new int[instances];
        double[] ctx = new double[instances];
        for (int t = 0; t < instances; t++) {
            RelaxInstances.Instance in = gen.instance(trial, t);
            CostTable costs = CostTable.measure(in, sor);
            List<RelaxLearner.Outcome> out = learner.step(in.c(), costs);
            for (int p = 0; p < out.size(); p++) pc[p][t] = out.get(p).cost();
            for (int j = 0; j < OmegaGrid.SIZE; j++) gc[j][t] = costs.grid()[j];
            star[t] = costs.star();
            ctx[t] = in.c();
        }
        return new Result(trial, List.copyOf(policies), pc, gc, star, ctx);
    }
}
