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

    /**
     * Forecast for the newest window u into out; called once per window, in order. Changes no weights (an RNN
     * advances its forecasting state here).
     */
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
     * An RNN with two trajectories of its hidden state. The learning trajectory advances with each learned pair
     * ({@link RnnTrainer#predictAndLearn}), so the trainer's influence / tangent / synthetic-gradient state stays
     * consistent with it; in the causal protocol it lags the stream by h windows. The forecasting trajectory advances
     * with every new window, with the current weights and without learning ({@link RnnTrainer#forecastFrom}), so a
     * forecast always sees the consecutive inputs the model was trained on. For h = 1 the two coincide and the
     * causal run is the paper's computation.
     */
    static StepModel of(RnnTrainer t) {
        double[] live = new double[t.hidden()]; // x_0 = 0
        return new StepModel() {
            public void predictThenLearn(double[] u, double[] y, double[] out) {
                t.predictAndLearn(u, y, out);
            }

            public void predict(double[] u, double[] out) {
                t.forecastFrom(live, u, out);
            }

            public void learn(double[] u, double[] y) {
                t.predictAndLearn(u, y, null);
            }
        };
    }
}
