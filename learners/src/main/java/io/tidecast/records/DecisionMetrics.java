package io.tidecast.records;

/**
 * Cost and regret figures of one key's bandit policy, written to {@code tidecast.metrics} with
 * {@code "kind":"decision"} and {@code "model":"bandit"}. The fields it shares with {@link MetricsRecord} (key,
 * model, ts, scope, last, count, cumulativeLoss, regret, regretPerStep, bestModel) mean the same there, so a reader of
 * forecast metrics can show it or skip it by {@code kind}.
 *
 * <p>Regret is estimated from the costs observed, since only the played arm's cost is revealed:
 * {@code regret = cumulativeCost - count * min_a meanCost[a]} (against the arm with the lowest empirical mean cost
 * in hindsight, over arms played at least once; for stochastic costs the minimum of noisy means is biased low, so
 * this over-states regret early on), and {@code regretIw = cumulativeCost - min_a sum_t c_t 1[a_t = a] / p_t}
 * (against the importance-weighted estimate of every arm's cumulative cost, unbiased per arm also for adversarial
 * costs, with high variance).
 */
public final class DecisionMetrics {
    public String key;
    /** The policy kind, e.g. {@code tsallis-inf}. */
    public String policy;
    /** Event time of the round that triggered the record, epoch ms. */
    public long ts;
    /** True when emitted because the key's state ended (end of a bounded input). */
    public boolean last;
    /** Requests answered. */
    public long decisions;
    /** Rounds with feedback applied to the policy. */
    public long count;
    /** Requests whose feedback did not arrive within the timeout. */
    public long lost;
    public long late;
    public long duplicate;
    public double cumulativeCost;
    public double costPerStep;
    /** Rounds and mean cost over the last window (the rounds since the previous record of this key). */
    public long windowCount;
    public double windowCostPerStep;
    public double regret;
    public double regretPerStep;
    public double regretIw;
    public String bestArm;
    public String[] arms;
    public long[] pulls;
    /** Empirical mean cost per arm (NaN, written as null, for arms never played). */
    public double[] meanCost;
    /** The arm distribution of the next decision (for a contextual policy: at the last request's context). */
    public double[] probabilities;

    public DecisionMetrics() {}

    @Override
    public String toString() {
        return "DecisionMetrics{" + key + " n=" + count + " costPerStep=" + costPerStep + " window=" + windowCostPerStep
                + " regret=" + regret + " best=" + bestArm + "}";
    }
}
