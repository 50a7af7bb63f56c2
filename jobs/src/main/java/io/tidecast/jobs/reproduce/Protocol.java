package io.tidecast.jobs.reproduce;

/** When a forecast's target may be used for learning. */
public enum Protocol {
    /**
     * As published (reference §2.3): predict pair j, then learn from (u_j, y_j) at once, although y_j lies h samples
     * after the last input and a live stream delivers it only h−1 steps later. Not causal for h &gt; 1.
     */
    PAPER,
    /**
     * Delayed update: at the instant the newest sample s_t arrives, first learn from the pair whose target is s_t
     * (the forecast made h steps earlier), then forecast from the window ending at s_t. Identical to PAPER for h = 1.
     */
    CAUSAL;

    public static Protocol parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol '" + s + "'; use paper or causal");
        }
    }
}
