package io.tidecast.records;

/**
 * One linear system A x = b for the relaxation tuner ({@code tidecast.relax.systems}), validated: A square,
 * symmetric, positive diagonal, in CSR; {@code jacobi} is the exact spectral radius of its Jacobi matrix (&lt; 1).
 * A Flink POJO (public fields, no-arg constructor), so it never falls back to Kryo.
 */
public final class RelaxSystem {
    /** The simulation (bandit state) this system belongs to. */
    public String key;
    /** Sequence number within the key (instance index t for generated systems). */
    public long seq;
    /** Context for the contextual policies (the diagonal shift c_t for generated systems). */
    public double context;
    public int n;
    public int[] rowPtr;
    public int[] col;
    public double[] val;
    public double[] b;
    public double jacobi;
    /** Whether the solution x is wanted in the result. */
    public boolean wantSolution;

    public RelaxSystem() {}

    public RelaxSystem(String key, long seq, double context, int n, int[] rowPtr, int[] col, double[] val, double[] b,
                       double jacobi, boolean wantSolution) {
        this.key = key;
        this.seq = seq;
        this.context = context;
        this.n = n;
        this.rowPtr = rowPtr;
        this.col = col;
        this.val = val;
        this.b = b;
        this.jacobi = jacobi;
        this.wantSolution = wantSolution;
    }
}
