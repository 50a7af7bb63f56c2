package io.tidecast.learners.groupwise;

import io.tidecast.learners.Learners;
import io.tidecast.learners.Ridge;
import io.tidecast.learners.policy.AdaNormalHedge;
import io.tidecast.learners.policy.Policies;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Oracle-efficient groupwise regression (Acharya et al., ICLR 2024): one online-ridge oracle per group, each run only
 * on its group's subsequence, aggregated by AdaNormalHedge over sleeping experts (a group's expert is awake exactly in
 * the rounds its group is active); plus the baseline, one online ridge over every round. Expert 0 is the always-on
 * group. Groups may appear at any time: a new one joins asleep-so-far (R = C = 0) with a fresh ridge.
 *
 * <p>All quantities here are in the learner's (scaled) units. Per round, {@link #step} predicts first, with the state
 * before the target, then learns: the awake oracles and the baseline learn (x, y), and the aggregator is charged the
 * squared losses of the awake oracles.
 */
public final class GroupwiseRegressor {
    public static final String ALWAYS_ON = "always_on";
    public static final int MAX_GROUPS = 256;
    static final int STATE_VERSION = 1;

    private final int features;
    private final double lambda;
    private final List<String> groups;
    private final List<Ridge> experts;
    private AdaNormalHedge hedge;
    private final Ridge baseline;
    private final double[] one = new double[1];

    /** What one round produced: predictions before the target, then the losses. */
    public static final class Step {
        /** Per expert: its prediction (NaN if asleep). */
        public double[] expertPredictions;
        /** Per expert: the aggregator's weight (0 if asleep). */
        public double[] weights;
        /** The deterministic prediction {@code Σ_g p_g ŷ_g}. */
        public double prediction;
        /** The baseline's prediction. */
        public double baselinePrediction;
        /** Per expert: its squared loss (NaN if asleep). */
        public double[] expertLosses;
        /** The paper's loss of the randomised choice {@code Σ_g p_g ℓ_g}. */
        public double expectedLoss;
        /** Squared loss of {@link #prediction} (≤ {@link #expectedLoss} by Jensen). */
        public double mixtureLoss;
        public double baselineLoss;
    }

    public GroupwiseRegressor(int features, double lambda) {
        this(features, lambda, new ArrayList<>(List.of(ALWAYS_ON)), new ArrayList<>(List.of(Ridge.overFeatures(features, lambda))),
                new AdaNormalHedge(1), Ridge.overFeatures(features, lambda));
    }

    private GroupwiseRegressor(int features, double lambda, List<String> groups, List<Ridge> experts, AdaNormalHedge hedge,
                               Ridge baseline) {
        this.features = features;
        this.lambda = lambda;
        this.groups = groups;
        this.experts = experts;
        this.hedge = hedge;
        this.baseline = baseline;
    }

    public int features() {
        return features;
    }

    /** Number of experts (groups including always-on). */
    public int size() {
        return groups.size();
    }

    /** Group names by expert index; index 0 is {@link #ALWAYS_ON}. */
    public List<String> groups() {
        return List.copyOf(groups);
    }

    /** The expert index of a group, or -1 if it has not been seen. */
    public int indexOf(String group) {
        return groups.indexOf(group);
    }

    /** The expert index of a group, adding the group (asleep so far) if it is new. */
    public int addGroup(String group) {
        int i = groups.indexOf(group);
        if (i >= 0) return i;
        if (groups.size() >= MAX_GROUPS) throw new IllegalArgumentException("more than " + MAX_GROUPS + " groups");
        groups.add(group);
        experts.add(Ridge.overFeatures(features, lambda));
        hedge = hedge.grow(groups.size());
        return groups.size() - 1;
    }

    /** The aggregator's state (R and C per expert), for inspection. */
    public AdaNormalHedge hedge() {
        return hedge;
    }

    /** Predicts for {@code x} with the experts in {@code awake} (index 0, always-on, is awake regardless); pure. */
    public Step predict(double[] x, boolean[] awake) {
        check(x, awake);
        int n = size();
        Step s = new Step();
        s.expertPredictions = new double[n];
        s.weights = new double[n];
        boolean[] mask = mask(awake);
        hedge.weights(mask, s.weights);
        double mix = 0;
        for (int g = 0; g < n; g++) {
            if (mask[g]) {
                double p = experts.get(g).predictScalar(x);
                s.expertPredictions[g] = p;
                mix += s.weights[g] * p;
            } else {
                s.expertPredictions[g] = Double.NaN;
            }
        }
        s.prediction = mix;
        s.baselinePrediction = baseline.predictScalar(x);
        return s;
    }

    /** One round: {@link #predict} with the state before {@code y}, then every awake oracle, the aggregator and the baseline learn. */
    public Step step(double[] x, boolean[] awake, double y) {
        if (!Double.isFinite(y)) throw new IllegalArgumentException("target must be finite, got " + y);
        Step s = predict(x, awake);
        boolean[] mask = mask(awake);
        int n = size();
        s.expertLosses = new double[n];
        double expected = 0;
        one[0] = y;
        for (int g = 0; g < n; g++) {
            if (mask[g]) {
                double e = s.expertPredictions[g] - y;
                s.expertLosses[g] = e * e;
                expected += s.weights[g] * e * e;
                experts.get(g).learn(x, one);
            } else {
                s.expertLosses[g] = Double.NaN;
            }
        }
        hedge.update(s.expertLosses, mask);
        s.expectedLoss = expected;
        s.mixtureLoss = (s.prediction - y) * (s.prediction - y);
        s.baselineLoss = (s.baselinePrediction - y) * (s.baselinePrediction - y);
        baseline.learn(x, one);
        return s;
    }

    private void check(double[] x, boolean[] awake) {
        if (x == null || x.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + (x == null ? "none" : x.length));
        }
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("features must be finite, got " + v);
        if (awake != null && awake.length > size()) throw new IllegalArgumentException("awake mask longer than the number of groups");
    }

    private boolean[] mask(boolean[] awake) {
        boolean[] m = new boolean[size()];
        if (awake != null) System.arraycopy(awake, 0, m, 0, awake.length);
        m[0] = true;
        return m;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(features);
        out.writeDouble(lambda);
        out.writeInt(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            out.writeUTF(groups.get(g));
            Learners.write(experts.get(g), out);
        }
        Policies.write(hedge, out);
        Learners.write(baseline, out);
    }

    public static GroupwiseRegressor read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("groupwise state version " + v + " is not supported");
        int features = in.readInt();
        double lambda = in.readDouble();
        int n = in.readInt();
        if (n < 1 || n > MAX_GROUPS) throw new IOException("groupwise state: corrupt group count " + n);
        List<String> groups = new ArrayList<>(n);
        List<Ridge> experts = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            groups.add(in.readUTF());
            experts.add((Ridge) Learners.read(in));
        }
        AdaNormalHedge hedge = (AdaNormalHedge) Policies.read(in);
        Ridge baseline = (Ridge) Learners.read(in);
        return new GroupwiseRegressor(features, lambda, groups, experts, hedge, baseline);
    }

    @Override
    public String toString() {
        return "GroupwiseRegressor" + groups + " R=" + Arrays.toString(hedge.regrets());
    }
}
