package io.tidecast.learners.policy;

import java.io.DataOutput;
import java.io.IOException;

/**
 * What every policy (expert aggregator or bandit) has in common: a kind as registered in {@link Policies}, the
 * number of experts or arms it chooses among, and its complete state as plain data.
 *
 * <p>Contract (checked by the policy conformance suite for every registered kind):
 * <ul>
 *   <li>reading weights or probabilities never changes state;</li>
 *   <li>all randomness comes from a seeded {@code RestorableUniformRandomProvider} held in the state, so
 *       {@link Policies#write} followed by {@link Policies#read} continues bit-identically;</li>
 *   <li>the serialized state has a fixed size that does not grow with the number of steps;</li>
 *   <li>no NaN or infinity escapes, also after millions of steps.</li>
 * </ul>
 */
public interface Policy {

    /** The policy's kind, as registered in {@link Policies} (e.g. {@code "hedge"}). */
    String kind();

    /** Number of experts (full information) or arms (bandits). */
    int size();

    /** Number of updates so far. */
    long steps();

    /** Writes the complete state: a per-kind version int first, then the kind's fields (no kind tag). */
    void writeState(DataOutput out) throws IOException;
}
