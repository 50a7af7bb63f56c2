package io.tidecast.learners;

/**
 * What a learner needs to know about the stream it serves.
 *
 * @param outputDim   d, the length of a sample vector
 * @param history     k, samples in the input window; the input is {@code [1; s_{t-k+1}; ...; s_t]}
 *                    (time-major, oldest first, leading bias), so {@code inputDim = 1 + d*k}
 * @param warmupPairs how many (input, target) pairs the stream's warm-up period provides (warm-up OLS fits on them)
 * @param seed        seed for any randomness the learner holds
 */
public record LearnerContext(int outputDim, int history, int warmupPairs, long seed) {
    public int inputDim() {
        return 1 + outputDim * history;
    }

    /**
     * How many pairs a fit-once learner (warm-up OLS, kernel SVR) fits on: its {@code fitPairs} parameter if given,
     * else {@link #warmupPairs}; if that is &lt;= 0, {@link #inputDim} (the fewest that can determine every coefficient).
     */
    public int fitPairs(LearnerSpec spec) {
        int n = spec.params.containsKey("fitPairs") ? (int) Math.round(spec.param("fitPairs", 0)) : warmupPairs;
        return n <= 0 ? inputDim() : n;
    }
}
