package io.tidecast.operators.decide;

import io.tidecast.learners.policy.ContextualBanditPolicy;
import io.tidecast.learners.policy.Policies;
import io.tidecast.learners.policy.Policy;
import io.tidecast.learners.policy.PolicySpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings of the decision service's operators: the key families (a key belongs to the family with the longest
 * matching prefix; the family fixes the arm names and the bandit policy), the feedback timeout, how long answered
 * or expired requests are remembered to recognise late and duplicated feedback, the metrics cadence and the
 * latency cap of the event-time ordering.
 */
public final class DecideConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One key family: keys starting with {@code prefix} choose among {@code arms} with the given policy. */
    public static final class Family implements Serializable {
        private static final long serialVersionUID = 1L;
        public final String prefix;
        public final List<String> arms;
        public final String policy;
        public final Map<String, Double> params;
        public final boolean contextual;
        public final int contextDim;

        public Family(String prefix, List<String> arms, String policy, Map<String, Double> params) {
            if (prefix == null) throw new IllegalArgumentException("a family needs a prefix (\"\" matches every key)");
            if (arms == null || arms.size() < 2) throw new IllegalArgumentException("family '" + prefix + "': needs at least two arms");
            if (new HashSet<>(arms).size() != arms.size()) throw new IllegalArgumentException("family '" + prefix + "': arm names repeat");
            for (String a : arms) if (a == null || a.isBlank()) throw new IllegalArgumentException("family '" + prefix + "': blank arm name");
            this.prefix = prefix;
            this.arms = List.copyOf(arms);
            this.policy = policy;
            this.params = params == null ? Map.of() : new TreeMap<>(params);
            // fail at start, not on the first request: build one to validate the kind and its parameters
            Policy p = Policies.create(spec(0));
            if (!(p instanceof io.tidecast.learners.policy.BanditPolicy) && !(p instanceof ContextualBanditPolicy)) {
                throw new IllegalArgumentException("family '" + prefix + "': policy '" + policy + "' is not a bandit policy "
                        + "(use exp3, tsallis-inf, tsallis-inf-cb or squarecb)");
            }
            this.contextual = p instanceof ContextualBanditPolicy;
            this.contextDim = contextual ? ((ContextualBanditPolicy) p).contextDim() : 0;
        }

        public PolicySpec spec(long seed) {
            return new PolicySpec(policy, arms.size(), seed, params);
        }
    }

    public final List<Family> families;
    public final long seed;
    public final long feedbackTimeoutMs;
    public final long retentionMs;
    public final int metricsEvery;
    public final long releaseAfterMs;

    public DecideConfig(List<Family> families, long seed, long feedbackTimeoutMs, long retentionMs, int metricsEvery, long releaseAfterMs) {
        if (families == null || families.isEmpty()) throw new IllegalArgumentException("no key family configured (decide.families)");
        Set<String> prefixes = new HashSet<>();
        for (Family f : families) {
            if (!prefixes.add(f.prefix)) throw new IllegalArgumentException("two families have the prefix '" + f.prefix + "'");
        }
        if (feedbackTimeoutMs < 1) throw new IllegalArgumentException("feedbackTimeoutMs must be at least 1");
        if (retentionMs < 0) throw new IllegalArgumentException("retentionMs must be >= 0");
        if (metricsEvery < 1) throw new IllegalArgumentException("metricsEvery must be at least 1");
        if (releaseAfterMs < 0) throw new IllegalArgumentException("releaseAfterMs must be >= 0 (0: strict event time, no latency cap)");
        this.families = List.copyOf(new ArrayList<>(families));
        this.seed = seed;
        this.feedbackTimeoutMs = feedbackTimeoutMs;
        this.retentionMs = retentionMs;
        this.metricsEvery = metricsEvery;
        this.releaseAfterMs = releaseAfterMs;
    }

    /** Index of the family with the longest prefix of {@code key}, or -1. */
    public int familyOf(String key) {
        int best = -1;
        for (int i = 0; i < families.size(); i++) {
            String p = families.get(i).prefix;
            if (key.startsWith(p) && (best < 0 || p.length() > families.get(best).prefix.length())) best = i;
        }
        return best;
    }

    /** The seed of a key's policy: fixed by the configured seed and the key alone. */
    public long seedOf(String key) {
        return seed * 0x9E3779B97F4A7C15L + key.hashCode();
    }
}
