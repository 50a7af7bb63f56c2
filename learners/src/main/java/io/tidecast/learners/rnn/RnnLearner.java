package io.tidecast.learners.rnn;

import java.io.DataOutput;
import java.io.IOException;

import io.tidecast.learners.OnlineRegressor;

/**
 * {@link OnlineRegressor} adapter over an {@link RnnTrainer}.
 *
 * <p>Semantics (the RNN has a hidden state, which a window regressor does not):
 * <ul>
 *   <li>{@link #predict}(x, out) = the forecast ŷ = W_c tanh(W_a x_{t−1} + W_b x) from the hidden state x_{t−1}
 *       left by the last {@link #learn} call and the input x, with the current weights. It changes nothing, so
 *       it may be called any number of times.</li>
 *   <li>{@link #learn}(x, y) = one full step of the paper's protocol ({@link RnnTrainer#predictAndLearn}):
 *       forward from x_{t−1} with input x, error against y, weight and trainer-state update, and the hidden
 *       state advances to x_t. The hidden state advances <b>only</b> here.</li>
 * </ul>
 * So {@code predict(u_t)} followed by {@code learn(u_t, y_t)} for t = 1, 2, … reproduces the paper's step
 * exactly: the forecast {@code predict} returns is the ŷ_t that {@code learn} then scores and learns from.
 * The hidden state is a function of the inputs passed to {@code learn}, in the order passed. In a causal
 * (delayed-update) deployment, where learn(u_j, y_j) happens only once y_j has arrived, predict(u_t) runs from
 * the state after the last learned input (u_{t−h}), not after u_{t−1}, unless the caller shows each new input
 * with {@link #observe}: from the first {@code observe} on, forecasts run from a separate forecasting state that
 * has seen every observed input (advanced with the current weights), while {@code learn} keeps moving the
 * training state along the delayed inputs. The forecast for u_t then uses everything up to u_{t−1}, as a live
 * forecaster should, and learning stays causal.
 */
public final class RnnLearner implements OnlineRegressor {
    /** Version of the adapter's own state, written before the trainer's. */
    static final int STATE_VERSION = 1;
    private final String kind;
    private final RnnTrainer trainer;
    /** Hidden state that has seen every observed input; null until the first {@link #observe}. */
    private double[] forecastState;
    private final transient double[] scratchState;
    private final transient double[] scratchOut;

    public RnnLearner(String kind, RnnTrainer trainer) {
        if (kind == null || trainer == null) throw new NullPointerException();
        this.kind = kind;
        this.trainer = trainer;
        this.scratchState = new double[trainer.hidden()];
        this.scratchOut = new double[trainer.outputDim()];
    }

    RnnLearner(String kind, RnnTrainer trainer, double[] forecastState) {
        this(kind, trainer);
        this.forecastState = forecastState;
    }

    /** The wrapped trainer (for the offline reproduction and diagnostics). */
    public RnnTrainer trainer() {
        return trainer;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int inputDim() {
        return trainer.inputDim();
    }

    @Override
    public int outputDim() {
        return trainer.outputDim();
    }

    @Override
    public void predict(double[] x, double[] out) {
        if (forecastState == null) {
            trainer.predict(x, out);
        } else {
            System.arraycopy(forecastState, 0, scratchState, 0, scratchState.length);
            trainer.forecastFrom(scratchState, x, out);
        }
    }

    @Override
    public void observe(double[] x) {
        if (forecastState == null) forecastState = trainer.hiddenState();
        trainer.forecastFrom(forecastState, x, scratchOut);
    }

    /**
     * Copies the hidden state the next forecast starts from into {@code out}: the forecasting state once inputs are
     * {@linkplain #observe observed}, else the training state (x after the last learned input).
     */
    public void copyHiddenState(double[] out) {
        if (forecastState != null) {
            System.arraycopy(forecastState, 0, out, 0, forecastState.length);
        } else {
            System.arraycopy(trainer.x, 0, out, 0, trainer.q);
        }
    }

    @Override
    public void learn(double[] x, double[] y) {
        trainer.predictAndLearn(x, y, null);
    }

    /** The trainer's complete state ({@link RnnTrainer#writeState}); {@link RnnLearners} reads it back. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        trainer.writeState(out);
        out.writeBoolean(forecastState != null);
        if (forecastState != null) {
            for (double v : forecastState) out.writeDouble(v);
        }
    }
}
