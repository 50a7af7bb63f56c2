package io.tidecast.learners.policy;

/**
 * Prediction with expert advice (full information): after each round the losses of all (awake) experts are
 * revealed. Supports sleeping experts: an {@code awake} mask ({@code null} = all awake) says which experts
 * take part in the round; asleep experts get weight 0 and their losses are not read.
 */
public interface ExpertPolicy extends Policy {

    /** Writes the current weights (a probability vector over all experts) into {@code out}; pure. */
    default void weights(double[] out) {
        weights(null, out);
    }

    /**
     * Writes the weights for a round in which only the {@code awake} experts take part: asleep experts get 0 and
     * the awake ones sum to 1. If no expert is awake the weights are uniform over all experts. Pure.
     */
    void weights(boolean[] awake, double[] out);

    /** One round in which all experts were awake, with the loss of every expert. */
    default void update(double[] losses) {
        update(losses, null);
    }

    /**
     * One round with the losses of the awake experts ({@code losses[i]} is not read for asleep {@code i}, so it
     * may be NaN). The policy's own loss in that round is {@code sum_i w_i losses[i]} with {@code w} from
     * {@link #weights(boolean[], double[])} with the same mask, before this update.
     *
     * @throws IllegalArgumentException if the loss of an awake expert is not finite
     */
    void update(double[] losses, boolean[] awake);
}
