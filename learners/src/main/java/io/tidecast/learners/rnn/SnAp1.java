package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.tidecast.learners.kernel.Rows;

import static io.tidecast.learners.kernel.Dot.sumSq;

/**
 * SnAp-1 with the compressed influence matrix (P25 {@code rnn_SnAp1.m}; spec §4.4). Only the influence entries
 * ∂x_{t,i}/∂W[i,j] of a weight on its own row's unit are kept, as a dense J̄ ∈ R^{q × (q+m+1)}, J̄_0 = 0:
 *
 * <pre>
 *   J̄_t[i,j] = φ′(z_{t,i}) v_{t,j} + φ′(z_{t,i}) W_a[i,i] J̄_{t−1}[i,j]     (only diag(D_t) is used)
 *   G[i,j]   = g_x[i] J̄_t[i,j]
 * </pre>
 *
 * with v_t = [x_{t−1}; u_t] and the pre-update W_a. When W_a is diagonal this equals RTRL. Cost O(q(q+m)).
 */
public final class SnAp1 extends RnnTrainer {
    /** J̄_t, row-major q × n, laid out like W. */
    final double[] jbar;
    /**
     * Upper bounds on the row norms ‖J̄_t[i,·]‖ (derived, not state: +∞ after a restore, so the first step takes the
     * exact path, which resets them).
     */
    private final double[] rowBound;

    SnAp1(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed, boolean init) {
        super(hidden, inputDim, outputDim, eta, clip, initStd, seed, init);
        this.jbar = new double[q * n];
        this.rowBound = new double[q];
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.SNAP1;
    }

    @Override
    double prepare(double[] y) {
        final int n = this.n, q = this.q;
        final double[] jbar = this.jbar, v = this.v, wab = this.wab, rowBound = this.rowBound;
        // ‖J̄_t[i,·]‖ ≤ |φ′_i| ‖v‖ + |D_t[i,i]| ‖J̄_{t−1}[i,·]‖: if even that cannot reach the clip, the step is η and W
        // is updated row by row right after its J̄ row (one sweep over both, no sum of squares)
        final double vNorm = Math.sqrt(sumSq(v, 0, n));
        double bound = 0;
        for (int i = 0; i < q; i++) {
            double ps = dphi[i];
            double b = Math.abs(ps) * vNorm + Math.abs(ps * wab[i * n + i]) * rowBound[i];
            b *= 1 + 1e-12;
            rowBound[i] = b;
            bound += gx[i] * gx[i] * b * b;
        }
        if (provablyUnclipped(bound)) {
            final double step = eta;
            for (int i = 0; i < q; i++) {
                final int row = i * n;
                final double ps = dphi[i];
                final double c = ps * wab[row + i]; // D_t[i,i], read before row i is updated
                Rows.influenceStep(ps, v, c, jbar, step * gx[i], wab, row, n);
            }
            abApplied = true;
            return Double.NaN; // not needed: the step is taken
        }
        double g2 = 0;
        for (int i = 0; i < q; i++) {
            final int row = i * n;
            final double ps = dphi[i];
            final double c = ps * wab[row + i]; // D_t[i,i]
            double rowSq = 0;
            for (int j = 0; j < n; j++) {
                double val = ps * v[j] + c * jbar[row + j];
                jbar[row + j] = val;
                rowSq += val * val;
            }
            rowBound[i] = Math.sqrt(rowSq) * (1 + 1e-12);
            g2 += gx[i] * gx[i] * rowSq;
        }
        return g2;
    }

    @Override
    void applyAB(double step) {
        final int n = this.n;
        for (int i = 0; i < q; i++) {
            final double a = step * gx[i];
            final int row = i * n;
            for (int j = 0; j < n; j++) wab[row + j] -= a * jbar[row + j];
        }
    }

    @Override
    void copyGradientAB(double[] out) {
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < n; j++) out[i * n + j] = gx[i] * jbar[i * n + j];
        }
    }

    @Override
    void writeTrainerState(DataOutput out) throws IOException {
        StateIO.writeDoubles(out, jbar);
    }

    @Override
    void readTrainerState(DataInput in) throws IOException {
        StateIO.readDoubles(in, jbar);
        java.util.Arrays.fill(rowBound, Double.POSITIVE_INFINITY);
    }
}
