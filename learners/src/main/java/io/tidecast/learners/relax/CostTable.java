package io.tidecast.learners.relax;

/**
 * The cost of every grid omega and of Young's omega* on one instance (full information, as the published
 * experiment computes it, so regrets against the best fixed omega and the instance-optimal omega are exact).
 */
public record CostTable(int[] grid, double omegaStar, int star) {

    public static CostTable measure(SparseSystem a, double[] b, double jacobi, Sor sor, double tol, int cap) {
        int[] g = new int[OmegaGrid.SIZE];
        for (int i = 0; i < g.length; i++) g[i] = sor.iterations(a, b, OmegaGrid.omega(i), tol, cap);
        double w = Young.omega(jacobi);
        return new CostTable(g, w, sor.iterations(a, b, w, tol, cap));
    }

    public static CostTable measure(RelaxInstances.Instance in, Sor sor) {
        return measure(in.a(), in.b(), in.jacobi(), sor, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP);
    }

    /** The per-instance best grid point's cost. */
    public int bestGrid() {
        int m = Integer.MAX_VALUE;
        for (int c : grid) m = Math.min(m, c);
        return m;
    }
}
