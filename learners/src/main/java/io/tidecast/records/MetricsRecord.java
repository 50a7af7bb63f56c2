package io.tidecast.records;

/**
 * Rolling error figures of one model at one horizon for one key: the {@code tidecast.metrics} contract.
 * {@code scope} is {@code "total"} (since the key's first scored forecast) or {@code "window"} (the last
 * {@code windowMs} of event time, pane-aligned). {@code last} marks the figures emitted when the key's
 * state ends (idle timeout or end of a bounded input).
 */
public final class MetricsRecord {
    public String key;
    public String model;
    public long horizonMs;
    public long ts;
    public String scope;
    public boolean last;
    public long count;
    public double mae;
    public double rmse;
    public double nrmse;
    public double maxError;
    public double jitter;
    /** Ensemble weight of the model, when an ensemble is configured; null otherwise. */
    public Double weight;
    /**
     * For an ensemble: external regret, its cumulative loss minus that of the best member in hindsight
     * ({@link #bestModel}); null for other models.
     */
    public Double regret;
    /** {@link #regret} divided by the number of rounds; null when there is no regret. */
    public Double regretPerStep;
    /** Cumulative loss on the ensemble's loss (mean squared standardised error, clipped to [0, 1]); null without an ensemble. */
    public Double cumulativeLoss;
    /** For an ensemble: the member with the least cumulative loss so far. */
    public String bestModel;
    /** For an ensemble: the cumulative loss of {@link #bestModel}, so {@code regret = cumulativeLoss - bestLoss}. */
    public Double bestLoss;
    /**
     * For an ensemble or a search: its members and their current weights (same order); null for other models.
     * On the JSON contract the two are one object, {@code "weights": {member: weight}}.
     */
    public String[] members;
    public double[] weights;
    /**
     * Null for figures over all of a key's forecasts. For groupwise regret (samples that carry {@code groups}): the
     * group, and the figures (count, cumulative loss, regret, best member) are over the forecasts made from samples
     * of that group only; error statistics are then absent (NaN).
     */
    public String group;

    public MetricsRecord() {}

    @Override
    public String toString() {
        return "Metrics{" + key + "/" + model + (group == null ? "" : "[" + group + "]") + "+" + horizonMs + "ms " + scope + (last ? " last" : "") + " n=" + count
                + " nrmse=" + nrmse + " rmse=" + rmse + "}";
    }
}
