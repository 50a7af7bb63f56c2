package io.tidecast.learners.relax;

/** The bandits' action grid of the published code, {@code linspace(1, 1.95, 20)}: omega_i = 1 + 0.05 i. */
public final class OmegaGrid {
    public static final int SIZE = 20;

    private OmegaGrid() {}

    public static double omega(int i) {
        return 1 + 0.95 * i / (SIZE - 1);
    }

    public static double[] values() {
        double[] g = new double[SIZE];
        for (int i = 0; i < SIZE; i++) g[i] = omega(i);
        return g;
    }

    /** Grid index of a fixed omega, or -1 if it is not (within 1e-9) on the grid. */
    public static int indexOf(double omega) {
        for (int i = 0; i < SIZE; i++) if (Math.abs(omega(i) - omega) < 1e-9) return i;
        return -1;
    }
}
