package io.tidecast.learners;

import java.io.DataOutput;
import java.io.IOException;

/**
 * An online multi-output regressor: predicts y from x, learns from (x, y) pairs one at a time.
 *
 * <p>Contract (checked by the conformance suite every learner passes):
 * <ul>
 *   <li>{@link #predict} never changes state;</li>
 *   <li>all randomness comes from state the learner holds, so {@link #writeState} followed by
 *       {@link Learners#read} continues bit-identically;</li>
 *   <li>no NaN or infinity escapes on constant or tiny inputs.</li>
 * </ul>
 */
public interface OnlineRegressor {

    /** The learner's kind, as registered in {@link Learners} (e.g. {@code "rls"}). */
    String kind();

    int inputDim();

    int outputDim();

    /** Writes the prediction for {@code x} into {@code out} (length {@link #outputDim()}); pure. */
    void predict(double[] x, double[] out);

    /**
     * One online update with input {@code x} and the target {@code y} that has been observed for it. Neither array
     * is written to: the caller may reuse an input window for other learners.
     */
    void learn(double[] x, double[] y);

    /**
     * The newest input window, shown once, after its forecast was made. In a causal stream {@link #learn} sees
     * windows {@code h} samples old (their targets have just arrived), so a model with memory (an RNN's hidden
     * state) advances its forecasting state here instead. Window regressors have no such state: the default
     * does nothing. {@code x} is read only.
     */
    default void observe(double[] x) {}

    /** Writes the complete learner state (without the kind tag, which {@link Learners#write} adds). */
    void writeState(DataOutput out) throws IOException;

    /**
     * A deep copy that continues bit-identically (its {@link #writeState} bytes equal this one's), or null when this
     * kind has no direct copy and the caller copies it through {@link Learners#write} and {@link Learners#read}.
     * Flink's heap state backend copies every key's state on its first access after each checkpoint, so a learner
     * with a large state should have one.
     */
    default OnlineRegressor copy() {
        return null;
    }
}
