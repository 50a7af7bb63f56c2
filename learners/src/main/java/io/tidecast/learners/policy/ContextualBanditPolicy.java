package io.tidecast.learners.policy;

/** A contextual bandit: the arm distribution depends on a context vector seen before the choice. */
public interface ContextualBanditPolicy extends Policy {

    /** Length of the context vector. */
    int contextDim();

    /** Writes the arm distribution for {@code context} into {@code out} (length {@link #size()}); pure. */
    void probabilities(double[] context, double[] out);

    /** Draws an arm for {@code context} using the random source held in the state (one draw). */
    int pick(double[] context);

    /**
     * Feedback: {@code cost} of {@code arm}, played in {@code context} with {@code probability}.
     *
     * @throws IllegalArgumentException on an out-of-range arm, a non-finite cost or context, or a probability
     *                                  not in (0, 1]
     */
    void update(double[] context, int arm, double cost, double probability);
}
