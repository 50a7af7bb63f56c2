package io.tidecast.jobs.reproduce;

/** One hyperparameter combination: history k (samples), learning rate (NaN if none) and hidden units (0 if none). */
public record GridPoint(int history, double eta, int hidden) {
    public String label() {
        StringBuilder b = new StringBuilder("k=").append(history);
        if (!Double.isNaN(eta)) b.append(" eta=").append(eta);
        if (hidden > 0) b.append(" q=").append(hidden);
        return b.toString();
    }
}
