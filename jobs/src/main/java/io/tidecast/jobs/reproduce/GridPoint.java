package io.tidecast.jobs.reproduce;

/**
 * One hyperparameter combination: history k (samples), learning rate (NaN if none), hidden units (0 if none) and,
 * for the kernel SVR only, its kernel scale s, tube width ε and box constraint C (NaN otherwise).
 */
public record GridPoint(int history, double eta, int hidden, double kernelScale, double epsilon, double box) {
    public GridPoint(int history, double eta, int hidden) {
        this(history, eta, hidden, Double.NaN, Double.NaN, Double.NaN);
    }

    static GridPoint svr(int history, double kernelScale, double epsilon, double box) {
        return new GridPoint(history, Double.NaN, 0, kernelScale, epsilon, box);
    }

    public boolean isSvr() {
        return !Double.isNaN(kernelScale);
    }

    public String label() {
        StringBuilder b = new StringBuilder("k=").append(history);
        if (!Double.isNaN(eta)) b.append(" eta=").append(eta);
        if (hidden > 0) b.append(" q=").append(hidden);
        if (isSvr()) b.append(" s=").append(kernelScale).append(" eps=").append(epsilon).append(" C=").append(box);
        return b.toString();
    }
}
