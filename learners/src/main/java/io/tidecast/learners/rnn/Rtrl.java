package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import static io.tidecast.learners.kernel.Dot.sumSq;

/**
 * Real-time recurrent learning in the "standard" form of P25 ({@code rnn_RTRLv2.m}; spec §4.2): the full
 * influence matrix J_t = ∂x_t/∂vec[W_a W_b] ∈ R^{q × q(q+m+1)}, J_0 = 0, follows
 *
 * <pre>
 *   J_t = I_t + D_t J_{t−1},   D_t = diag(φ′(z_t)) W_a,   I_t[s, (i,j)] = δ_{si} φ′(z_{t,i}) v_{t,j},
 * </pre>
 *
 * with v_t = [x_{t−1}; u_t] and D_t built from the pre-update W_a, and the gradient is g_ab = g_xᵀ J_t.
 * Cost O(q³(q+m)) time and O(q²(q+m)) memory per step.
 *
 * <p>Layout: J is row-major q × (q·n), column (i, j) ↦ i·n + j (the layout of W). D_t J_{t−1} is computed in place,
 * one block of columns at a time: the old block is copied into a contiguous q × w buffer, then each new row is
 * accumulated into an L1-resident buffer (inner loops over contiguous memory, vectorised by C2); the immediate
 * term and the contribution to g_xᵀ J_t are added while the block is hot.
 */
public final class Rtrl extends RnnTrainer {
    private final int qn;
    /** Influence matrix J_t, row-major q × (q·n). */
    final double[] jac;
    private final double[] d;
    /** The block of J_{t−1} being multiplied, one array per row (loads at the same index of different arrays: C2 vectorises those). */
    private final double[][] blk;
    private final double[] acc;
    private final double[] gab;
    private final int bw;

    Rtrl(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed, boolean init) {
        super(hidden, inputDim, outputDim, eta, clip, initStd, seed, init);
        this.qn = Math.multiplyExact(q, n);
        this.jac = new double[Math.multiplyExact(q, qn)];
        this.d = new double[q * q];
        // the copied block (q × bw doubles) should stay well inside L2: ~768 KiB, 64 ≤ bw ≤ 512, multiple of 8
        int w = (int) Math.min(512, Math.max(64, (768L * 1024 / 8) / q));
        w = Math.max(8, (w / 8) * 8);
        this.bw = Math.min(w, qn);
        this.blk = new double[q][bw];
        this.acc = new double[bw];
        this.gab = new double[qn];
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.RTRL;
    }

    @Override
    double prepare(double[] y) {
        final int q = this.q, n = this.n, qn = this.qn;
        final double[] jac = this.jac, d = this.d, acc = this.acc, gab = this.gab;
        final double[][] blk = this.blk;
        // D_t = diag(φ′(z_t)) W_a
        for (int s = 0; s < q; s++) {
            double ds = dphi[s];
            int row = s * n, drow = s * q;
            for (int r = 0; r < q; r++) d[drow + r] = ds * wab[row + r];
        }
        Arrays.fill(gab, 0.0);
        for (int c0 = 0; c0 < qn; c0 += bw) {
            final int w = Math.min(bw, qn - c0);
            for (int r = 0; r < q; r++) System.arraycopy(jac, r * qn + c0, blk[r], 0, w);
            for (int s = 0; s < q; s++) {
                final int ds = s * q;
                Arrays.fill(acc, 0, w, 0.0);
                int r = 0;
                for (; r + 3 < q; r += 4) {
                    final double a0 = d[ds + r], a1 = d[ds + r + 1], a2 = d[ds + r + 2], a3 = d[ds + r + 3];
                    final double[] b0 = blk[r], b1 = blk[r + 1], b2 = blk[r + 2], b3 = blk[r + 3];
                    for (int k = 0; k < w; k++) {
                        acc[k] += a0 * b0[k] + a1 * b1[k] + a2 * b2[k] + a3 * b3[k];
                    }
                }
                for (; r < q; r++) {
                    final double a0 = d[ds + r];
                    final double[] b0 = blk[r];
                    for (int k = 0; k < w; k++) acc[k] += a0 * b0[k];
                }
                // immediate term: row s is non-zero on the columns (s, j), j < n, i.e. [s·n, s·n + n)
                final int lo = Math.max(s * n, c0), hi = Math.min(s * n + n, c0 + w);
                if (lo < hi) {
                    final double ps = dphi[s];
                    final int vo = s * n;
                    for (int k = lo; k < hi; k++) acc[k - c0] += ps * v[k - vo];
                }
                System.arraycopy(acc, 0, jac, s * qn + c0, w);
                // g_ab += g_x[s] · J_t[s, block]
                final double g = gx[s];
                for (int k = 0; k < w; k++) gab[c0 + k] += g * acc[k];
            }
        }
        return sumSq(gab, 0, qn);
    }

    @Override
    void applyAB(double step) {
        descendDense(gab, step);
    }

    @Override
    void copyGradientAB(double[] out) {
        System.arraycopy(gab, 0, out, 0, gab.length);
    }

    @Override
    void writeTrainerState(DataOutput out) throws IOException {
        StateIO.writeDoubles(out, jac);
    }

    @Override
    void readTrainerState(DataInput in) throws IOException {
        StateIO.readDoubles(in, jac);
    }
}
