package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import io.tidecast.learners.kernel.Rows;

import static io.tidecast.learners.kernel.Dot.matVec;
import static io.tidecast.learners.kernel.Dot.sumSq;

/**
 * Decoupled neural interfaces with the "accurate" update of the linear synthetic-gradient model (P25
 * {@code rnn_DNI.m}; spec §4.5). The credit is modelled as c = x̃ A with x̃_t = [x_tᵀ, y_tᵀ, 1] ∈ R^{q+p+1}
 * (y_t the <b>true target</b> of step t), A ∈ R^{(q+p+1) × q} drawn i.i.d. N(0, 1/q) after the RNN weights, and
 * x̃_0 = [0, …, 0, 1]. At step t:
 *
 * <pre>
 *   D_t = diag(φ′(z_t)) W_a                                   (pre-update W_a)
 *   f   = x̃_{t−1} A − g_xᵀ − (x̃_t A) D_t                       (bootstrap with the current D_t)
 *   ∇_A = x̃_{t−1}ᵀ f − x̃_tᵀ (f D_tᵀ)                          (both terms: the gradient of ½‖f‖²)
 *   A  ← A − η_A ∇_A,   η_A = 0.002, no clipping
 *   c   = x̃_{t−1} A                                           (with the updated A)
 *   G_ab[i,j] = c_i φ′(z_{t,i}) v_{t,j}
 * </pre>
 *
 * then the common clipping and SGD step (W_c exact). Cost O(q(q+m+p)).
 */
public final class Dni extends RnnTrainer {
    /** Learning rate of the synthetic-gradient model, fixed in P25. */
    public static final double ETA_A = 0.002;

    private final int r;
    /**
     * A, (q+p+1) rows of q. Held as separate rows: C2 (Java 17) vectorises a loop only when all its arrays are
     * indexed alike, and the passes over A combine each row with vectors indexed by column.
     */
    final double[][] a;
    /** x̃_{t−1}. */
    final double[] xtPrev;
    /** x̃_t (valid during a step). */
    final double[] xtCur;
    private final double[] aPrev;
    private final double[] aCur;
    private final double[] f;
    private final double[] fdt;
    private final double[] c;

    Dni(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed, boolean init) {
        super(hidden, inputDim, outputDim, eta, clip, initStd, seed, init);
        this.r = q + p + 1;
        this.a = new double[r][q];
        this.xtPrev = new double[r];
        this.xtCur = new double[r];
        this.aPrev = new double[q];
        this.aCur = new double[q];
        this.f = new double[q];
        this.fdt = new double[q];
        this.c = new double[q];
        xtPrev[r - 1] = 1.0;
        if (init) {
            NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
            double sd = 1.0 / Math.sqrt(q);
            for (double[] row : a) for (int j = 0; j < q; j++) row[j] = sd * g.sample();
        }
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.DNI;
    }

    @Override
    double prepare(double[] y) {
        System.arraycopy(xNew, 0, xtCur, 0, q);
        System.arraycopy(y, 0, xtCur, q, p);
        xtCur[r - 1] = 1.0;
        updateA(gx); // also sets c = x̃_{t−1} A with the updated A
        double w2 = 0;
        for (int i = 0; i < q; i++) {
            double wi = c[i] * dphi[i];
            w2 += wi * wi;
        }
        return w2 * sumSq(v, 0, n);
    }

    /**
     * The synthetic-gradient model's SGD step on ½‖f‖² for the transition x̃_{t−1} → x̃_t (fields xtPrev, xtCur,
     * dphi and the pre-update W_a), with g = {@code g}; also sets c = x̃_{t−1} A with the updated A. Package-private
     * for tests.
     */
    void updateA(double[] g) {
        final int q = this.q, n = this.n, r = this.r;
        final double[][] a = this.a;
        final double[] aPrev = this.aPrev, aCur = this.aCur, xtPrev = this.xtPrev, xtCur = this.xtCur, f = this.f, fdt = this.fdt;
        // aPrev = x̃_{t−1} A and aCur = x̃_t A in one pass over A
        java.util.Arrays.fill(aPrev, 0.0);
        java.util.Arrays.fill(aCur, 0.0);
        for (int k = 0; k < r; k++) {
            final double xp = xtPrev[k], xc = xtCur[k];
            final double[] ak = a[k];
            for (int j = 0; j < q; j++) {
                final double akj = ak[j];
                aPrev[j] += xp * akj;
                aCur[j] += xc * akj;
            }
        }
        // f = x̃_{t−1}A − g_xᵀ − (x̃_t A) D_t,  ((x̃_t A) D_t)_j = Σ_i aCur_i φ′_i W_a[i,j]
        for (int j = 0; j < q; j++) f[j] = 0.0;
        for (int i = 0; i < q; i++) Rows.addScaled(f, 0, aCur[i] * dphi[i], wab, i * n, q);
        for (int j = 0; j < q; j++) f[j] = aPrev[j] - g[j] - f[j];
        // (f D_tᵀ)_i = φ′_i Σ_j W_a[i,j] f_j
        matVec(wab, 0, n, q, f, 0, q, fdt);
        for (int i = 0; i < q; i++) fdt[i] *= dphi[i];
        // A ← A − η_A (x̃_{t−1}ᵀ f − x̃_tᵀ (f D_tᵀ)), and c = x̃_{t−1} A with each row of A as soon as it is updated
        final double[] c = this.c;
        java.util.Arrays.fill(c, 0.0);
        for (int k = 0; k < r; k++) {
            final double x = xtPrev[k], xp = ETA_A * x, xc = ETA_A * xtCur[k];
            final double[] ak = a[k];
            for (int j = 0; j < q; j++) {
                final double akj = ak[j] - (xp * f[j] - xc * fdt[j]);
                ak[j] = akj;
                c[j] += x * akj;
            }
        }
    }

    @Override
    void applyAB(double step) {
        final int q = this.q, n = this.n;
        final double[] wab = this.wab, v = this.v;
        for (int i = 0; i < q; i++) Rows.subScaled(wab, i * n, step * c[i] * dphi[i], v, 0, n);
        System.arraycopy(xtCur, 0, xtPrev, 0, r);
    }

    /** A as one row-major array (a copy; for tests). */
    double[] aFlat() {
        double[] flat = new double[r * q];
        for (int k = 0; k < r; k++) System.arraycopy(a[k], 0, flat, k * q, q);
        return flat;
    }

    @Override
    void copyGradientAB(double[] out) {
        for (int i = 0; i < q; i++) {
            double w = c[i] * dphi[i];
            for (int j = 0; j < n; j++) out[i * n + j] = w * v[j];
        }
    }

    @Override
    void writeTrainerState(DataOutput out) throws IOException {
        StateIO.writeRows(out, a);
        StateIO.writeDoubles(out, xtPrev);
    }

    @Override
    void readTrainerState(DataInput in) throws IOException {
        StateIO.readRows(in, a);
        StateIO.readDoubles(in, xtPrev);
    }
}
