package io.tidecast.operators.groupwise;

import java.io.Serializable;

/**
 * Settings of the groupwise operator. Scaling is causal by default (running min-max); declared bounds
 * ({@link #featureLo}/{@link #featureHi}/{@link #targetLo}/{@link #targetHi}) replace it when set, e.g. with a data
 * set's own bounds for the paper's protocol.
 */
public final class GroupwiseConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Ridge penalty of every oracle and of the baseline. */
    public double lambda = 1.0;
    /** Emit every group's account after this many records of a key (and always at the end of a bounded input). */
    public int metricsEvery = 500;
    /** Fit the hindsight comparator without each group's last row, as the paper's evaluation does. */
    public boolean paperHindsight = false;
    public double[] featureLo;
    public double[] featureHi;
    public double targetLo = Double.NaN;
    public double targetHi = Double.NaN;

    public boolean declaredBounds() {
        return featureLo != null;
    }
}
