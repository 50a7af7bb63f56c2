package io.tidecast.jobs.reproduce;

import io.tidecast.learners.OnlineRegressor;
import io.tidecast.learners.rnn.RnnTrainer;

/**
 * What the protocol engine drives: a forecaster of the input window u = [1; s_j..s_{j+k-1}] that learns from
 * (u, y) pairs. {@link #predictThenLearn} is the published step; {@link #predict} and {@link #learn} let the causal
 * protocol learn a pair later than it predicted it.
 */
public interface StepModel {
    /** The published step: forecast for u into out, then one update with the target y of that same window. */
    void predictThenLearn(double[] u, double[] y, double[] out);

    /** Forecast for u into out; changes no state. */
    void predict(double[] u, double[] out);

    /** One update with a pair whose target has arrived. */
    void learn(double[] u, double[] y);

    /** LMS, OLS and other window regressors, which carry no state between inputs except their weights. */
    static StepModel of(OnlineRegressor r) {
        return new StepModel() {
            public void predictThenLearn(double[] u, double[] y, double[] out) {
                r.predict(u, out);
                r.learn(u, y);
            }

            public void predict(double[] u, double[] out) {
                r.predict(u, out);
            }

            public void learn(double[] u, double[] y) {
                r.learn(u, y);
            }
        };
    }

    /**
     * An RNN. Its hidden state advances only with learned pairs, one per input window, in order. In the causal
     * protocol the newest learned pair is the one whose target just arrived (window j−h), so the forecast for
     * window j reads the state after window j−h and feeds u_j directly: the state skips h−1 windows instead of
     * being rolled forward without learning. That keeps one trajectory, one influence/tangent state consistent
     * with it, and the paper's per-step cost; for h = 1 it is exactly the paper's step.
     */
    static StepModel of(RnnTrainer t) {
        return new StepModel() {
            public void predictThenLearn(double[] u, double[] y, double[] out) {
                t.predictAndLearn(u, y, out);
            }

            public void predict(double[] u, double[] out) {
                t.predict(u, out);
            }

            public void learn(double[] u, double[] y) {
                t.predictAndLearn(u, y, null);
            }
        };
    }
}
