package io.tidecast.learners.relax;

/** The two diagonal-shift distributions of the published experiment: c = -0.15 + 0.6 Beta(alpha, beta). */
public enum ShiftSetting {
    LOW(2, 6), HIGH(0.5, 1.5);

    public static final double C_MIN = -0.15;
    public static final double C_SPAN = 0.6;

    public final double alpha;
    public final double beta;

    ShiftSetting(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
