package io.tidecast.operators;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the forecast operator does for every key: which learners, at which horizons, how long the warm-up
 * (standardisation statistics, first training pairs), how metrics are windowed and when idle keys expire.
 */
public final class ForecastConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Forecast horizons in ms of event time. */
    public final long[] horizonsMs;
    public final List<LearnerSpec> learners;
    /** Nominal sampling period of the streams; horizons are counted in samples of this period. */
    public final double samplePeriodMs;
    /** Samples a key collects before forecasting: its standardisation statistics and first training pairs. */
    public final int warmupSamples;
    /** Metrics are emitted, and the window moves, every this many samples of a key. */
    public final int paneSamples;
    /** Panes in the rolling metrics window. */
    public final int windowPanes;
    /** A key with no sample for this long (event time) has its final metrics emitted and its state dropped. */
    public final long stateTtlMs;
    /** Coordinates per scored point (3 for 3D markers); 1 scores every value on its own. */
    public final int pointDims;
    public final long seed;
    /**
     * Expert policy of the per-horizon ensemble over the learners ({@code hedge}, {@code adanormalhedge}), or null
     * for no ensemble.
     */
    public final String ensemblePolicy;
    /** The ensemble's model name on the outputs. */
    public static final String ENSEMBLE = "ensemble";
    /** Online hyperparameter searches: each mixes or picks among a subset of the learners (a grid of one family). */
    public final List<EnsembleSpec> searches;

    public ForecastConfig(long[] horizonsMs, List<LearnerSpec> learners, double samplePeriodMs, int warmupSamples,
                          int paneSamples, int windowPanes, long stateTtlMs, int pointDims, long seed) {
        this(horizonsMs, learners, samplePeriodMs, warmupSamples, paneSamples, windowPanes, stateTtlMs, pointDims, seed, null);
    }

    public ForecastConfig(long[] horizonsMs, List<LearnerSpec> learners, double samplePeriodMs, int warmupSamples,
                          int paneSamples, int windowPanes, long stateTtlMs, int pointDims, long seed, String ensemblePolicy) {
        this(horizonsMs, learners, samplePeriodMs, warmupSamples, paneSamples, windowPanes, stateTtlMs, pointDims, seed, ensemblePolicy,
                List.of());
    }

    public ForecastConfig(long[] horizonsMs, List<LearnerSpec> learners, double samplePeriodMs, int warmupSamples,
                          int paneSamples, int windowPanes, long stateTtlMs, int pointDims, long seed, String ensemblePolicy,
                          List<EnsembleSpec> searches) {
        this.searches = List.copyOf(searches);
        this.horizonsMs = horizonsMs.clone();
        this.learners = List.copyOf(learners);
        this.samplePeriodMs = samplePeriodMs;
        this.warmupSamples = warmupSamples;
        this.paneSamples = paneSamples;
        this.windowPanes = windowPanes;
        this.stateTtlMs = stateTtlMs;
        this.pointDims = pointDims;
        this.seed = seed;
        this.ensemblePolicy = ensemblePolicy == null || ensemblePolicy.isBlank() || ensemblePolicy.equals("none") ? null : ensemblePolicy;
        validate();
    }

    private void validate() {
        if (horizonsMs.length == 0) throw new IllegalArgumentException("at least one horizon is needed");
        if (learners.isEmpty()) throw new IllegalArgumentException("at least one learner is needed");
        if (!(samplePeriodMs > 0)) throw new IllegalArgumentException("samplePeriodMs must be > 0, got " + samplePeriodMs);
        for (long h : horizonsMs) {
            if (h <= 0) throw new IllegalArgumentException("horizons must be > 0 ms, got " + h);
        }
        if (paneSamples < 1) throw new IllegalArgumentException("paneSamples must be >= 1");
        if (windowPanes < 1) throw new IllegalArgumentException("windowPanes must be >= 1");
        if (stateTtlMs < 1) throw new IllegalArgumentException("stateTtlMs must be >= 1");
        Set<String> names = new HashSet<>();
        for (LearnerSpec s : learners) {
            if (!names.add(s.name)) throw new IllegalArgumentException("learner name '" + s.name + "' is used twice");
            if (!Learners.kinds().contains(s.kind)) {
                throw new IllegalArgumentException("learner '" + s.name + "': unknown kind '" + s.kind + "'; known kinds: " + Learners.kinds());
            }
        }
        if (ensemblePolicy != null && !EXPERT_POLICIES.contains(ensemblePolicy)) {
            throw new IllegalArgumentException("ensemble policy must be one of " + EXPERT_POLICIES + " or none, not '" + ensemblePolicy + "'");
        }
        if (ensemblePolicy != null && names.contains(ENSEMBLE)) {
            throw new IllegalArgumentException("the learner name '" + ENSEMBLE + "' is taken by the ensemble");
        }
        for (EnsembleSpec s : searches) {
            if (!names.add(s.name) || (ensemblePolicy != null && s.name.equals(ENSEMBLE))) {
                throw new IllegalArgumentException("search name '" + s.name + "' is already used by a learner or another search");
            }
            if (!EXPERT_POLICIES.contains(s.policy)) {
                throw new IllegalArgumentException("search '" + s.name + "': policy must be one of " + EXPERT_POLICIES + ", not '" + s.policy + "'");
            }
            if (s.members.isEmpty()) throw new IllegalArgumentException("search '" + s.name + "' has no members");
            for (String m : s.members) {
                if (learners.stream().noneMatch(l -> l.name.equals(m))) {
                    throw new IllegalArgumentException("search '" + s.name + "': member '" + m + "' is not a configured learner");
                }
            }
        }
        int minWarmup = maxHistory() + maxHorizonSteps() + 1;
        if (warmupSamples < minWarmup) {
            throw new IllegalArgumentException("warmupSamples must be at least the longest history plus the longest horizon plus 1 ("
                    + minWarmup + "), got " + warmupSamples);
        }
    }

    /** Full-information policies that can weigh forecasters. */
    public static final List<String> EXPERT_POLICIES = List.of("hedge", "adanormalhedge");

    /** Horizon in samples: the target of a forecast made at sample n is sample n + steps. */
    public int horizonSteps(int i) {
        return (int) Math.max(1, Math.round(horizonsMs[i] / samplePeriodMs));
    }

    public int maxHorizonSteps() {
        int m = 0;
        for (int i = 0; i < horizonsMs.length; i++) m = Math.max(m, horizonSteps(i));
        return m;
    }

    public int maxHistory() {
        int m = 0;
        for (LearnerSpec s : learners) m = Math.max(m, s.history);
        return m;
    }

    /** The learners' names, then the ensemble's when there is one, then the searches': every model that forecasts. */
    public List<String> modelNames() {
        List<String> n = new ArrayList<>();
        for (LearnerSpec s : learners) n.add(s.name);
        for (EnsembleSpec e : ensembles()) n.add(e.name);
        return n;
    }

    /** Every model made of learners' forecasts: the ensemble over all learners (if configured) first, then the searches. */
    public List<EnsembleSpec> ensembles() {
        List<EnsembleSpec> all = new ArrayList<>();
        if (ensemblePolicy != null) {
            all.add(new EnsembleSpec(ENSEMBLE, ensemblePolicy, EnsembleSpec.Mode.MIX, learners.stream().map(l -> l.name).toList()));
        }
        all.addAll(searches);
        return all;
    }
}
