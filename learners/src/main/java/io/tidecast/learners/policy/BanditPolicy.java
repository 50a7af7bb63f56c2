package io.tidecast.learners.policy;

/** A multi-armed bandit: only the cost of the arm that was played is revealed. */
public interface BanditPolicy extends Policy {

    /** Writes the current arm distribution into {@code out} (length {@link #size()}); pure. */
    void probabilities(double[] out);

    /** Draws an arm from {@link #probabilities} using the random source held in the state (one draw). */
    int pick();

    /**
     * Feedback for one round: {@code cost} of the played {@code arm}, which was drawn with {@code probability}
     * (the entry of {@link #probabilities} for that arm, used for importance weighting).
     *
     * @throws IllegalArgumentException if the arm is out of range, the cost not finite or the probability not
     *                                  in (0, 1]
     */
    void update(int arm, double cost, double probability);
}
