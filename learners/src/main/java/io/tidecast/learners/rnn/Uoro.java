package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.tidecast.learners.kernel.Rows;

import static io.tidecast.learners.kernel.Dot.addSquares;
import static io.tidecast.learners.kernel.Dot.matVec;
import static io.tidecast.learners.kernel.Dot.sumSq;

/**
 * UORO exactly as in the authors' {@code rnn_UORO.m} (spec §4.3), including its step-ordering quirk. State:
 * x̃ ∈ R^q and θ̃ ∈ R^{|θ|}, both 0 at start (θ̃'s W_c block is always 0 and is not stored). At step t, after
 * the forward pass:
 *
 * <ol>
 *   <li>g = (g_xᵀ x̃_{t−1}) θ̃_{t−1} + [0, 0, vec(−e_t x_tᵀ)] — the <b>previous</b> step's x̃ and θ̃ (an estimate
 *       of ∂x_{t−1}/∂θ) with g_x taken at x_t; no immediate term;</li>
 *   <li>ν ∈ {−1,+1}^q uniformly;</li>
 *   <li>x̃′ = (tanh(W_a(x_{t−1} + ε x̃_{t−1}) + W_b u_t) − x_t)/ε, ε = 1e−7, pre-update weights;</li>
 *   <li>δθ = [vec((ν⊙φ′(z_t)) x_{t−1}ᵀ), vec((ν⊙φ′(z_t)) u_tᵀ), 0];</li>
 *   <li>ρ0 = sqrt(‖θ̃_{t−1}‖/(‖x̃′‖+ε)) + ε, ρ1 = sqrt(‖δθ‖/(‖ν‖+ε)) + ε;</li>
 *   <li>x̃_t = ρ0 x̃′ + ρ1 ν, θ̃_t = θ̃_{t−1}/ρ0 + δθ/ρ1;</li>
 *   <li>clip g and take the SGD step.</li>
 * </ol>
 *
 * ν comes from the trainer's RNG: ⌈q/64⌉ {@code nextLong()} calls per step, bit b of word w giving
 * ν_{64w+b} = +1 if the bit is 0, −1 otherwise. Cost O(q(q+m) + pq).
 */
public final class Uoro extends RnnTrainer {
    /** Finite-difference step and the +ε of the ρ formulas. */
    public static final double EPSILON = 1e-7;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    /** x̃. */
    final double[] xt;
    /**
     * θ̃ restricted to [W_a, W_b], q rows of n like W. Held as separate rows rather than one row-major array: C2 (Java
     * 17) vectorises a loop only when all its arrays are indexed alike, and the θ̃ update reads v and a scratch row by
     * column index j, so θ̃ must be indexed by j too.
     */
    final double[][] tht;
    private final double[] nu;
    private final double[] xe;
    /** W_a (x_{t−1} + ε x̃_{t−1}). */
    private final double[] wxe;
    /** The four partial sums of ‖θ̃‖². */
    private final double[] thtSq = new double[4];
    private final double[] xtNew;
    /** δθ/ρ1 of the row being updated. */
    private final double[] dq;
    private double gdot;   // g_xᵀ x̃_{t−1}
    private double rho0;
    private double rho1;

    Uoro(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed, boolean init) {
        super(hidden, inputDim, outputDim, eta, clip, initStd, seed, init);
        this.xt = new double[q];
        this.tht = new double[q][n];
        this.nu = new double[q];
        this.dq = new double[n];
        this.xe = new double[q];
        this.wxe = new double[q];
        this.xtNew = new double[q];
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.UORO;
    }

    @Override
    double prepare(double[] y) {
        final int q = this.q, n = this.n;
        final double eps = EPSILON;
        final double[] xe = this.xe, xtNew = this.xtNew, zb = this.zb, xNew = this.xNew, wab = this.wab;
        // 1. g_ab = (g_xᵀ x̃_{t−1}) θ̃_{t−1}
        double gd = 0;
        for (int i = 0; i < q; i++) gd += gx[i] * xt[i];
        gdot = gd;
        // 2. ν: bit b of the word gives the sign bit of ±1.0 (no branch on a random bit)
        for (int w = 0; w < q; w += 64) {
            long bits = rng.nextLong();
            int lim = Math.min(64, q - w);
            for (int b = 0; b < lim; b++) nu[w + b] = Double.longBitsToDouble(ONE_BITS | ((bits >>> b) & 1L) << 63);
        }
        // 3. x̃′ by finite difference with the pre-update weights (x_{t−1} = v[0..q)), row by row together with ‖θ̃_{t−1}‖²:
        // the norm is four long chains of dependent additions, and the independent finite-difference work of each row
        // runs in their shadow
        for (int i = 0; i < q; i++) xe[i] = v[i] + eps * xt[i];
        matVec(wab, 0, n, q, xe, 0, q, wxe);
        final int len4 = (q * n) & ~3;
        final double[] s = this.thtSq;
        java.util.Arrays.fill(s, 0.0);
        double xpSq = 0;
        for (int i = 0; i < q; i++) {
            // ‖θ̃‖² summed exactly as sumSq sums the row-major array: entry f = i·n + j into partial sum s[f mod 4]
            // while f < len4, the last (q·n mod 4) entries into s[0]
            final double[] t = tht[i];
            final int row = i * n, mainEnd = Math.min(n, len4 - row);
            int j = 0;
            for (; j < mainEnd && ((row + j) & 3) != 0; j++) s[(row + j) & 3] += t[j] * t[j];
            final int aligned = Math.max(0, mainEnd - j) & ~3;
            addSquares(t, j, aligned, s);
            j += aligned;
            if (j < mainEnd) s[0] += t[j] * t[j];
            if (j + 1 < mainEnd) s[1] += t[j + 1] * t[j + 1];
            if (j + 2 < mainEnd) s[2] += t[j + 2] * t[j + 2];
            for (j = Math.max(mainEnd, 0); j < n; j++) s[0] += t[j] * t[j];

            double zi = wxe[i] + zb[i];
            double d = (Fdlibm.tanh(zi) - xNew[i]) / eps;
            xtNew[i] = d;
            xpSq += d * d;
        }
        double thtNorm = Math.sqrt((s[0] + s[1]) + (s[2] + s[3]));
        // 4.–5. ‖δθ‖ = ‖ν⊙φ′‖ ‖v‖ (δθ is the outer product (ν⊙φ′) vᵀ; ν_i² = 1), ‖ν‖ = √q
        double dphiSq = 0;
        for (int i = 0; i < q; i++) dphiSq += dphi[i] * dphi[i];
        double dthNorm = Math.sqrt(dphiSq) * Math.sqrt(sumSq(v, 0, n));
        double nuNorm = Math.sqrt(q);
        rho0 = Math.sqrt(thtNorm / (Math.sqrt(xpSq) + eps)) + eps;
        rho1 = Math.sqrt(dthNorm / (nuNorm + eps)) + eps;
        // 6. (x̃ part) x̃_t = ρ0 x̃′ + ρ1 ν — stored in xtNew, committed in applyAB (g needs x̃_{t−1} only above)
        for (int i = 0; i < q; i++) xtNew[i] = rho0 * xtNew[i] + rho1 * nu[i];
        return gd * gd * thtNorm * thtNorm;
    }

    @Override
    void applyAB(double step) {
        final int q = this.q, n = this.n;
        final double a = step * gdot, y0 = 1.0 / rho0, y1 = 1.0 / rho1, m0 = -rho0, m1 = -rho1;
        final double[] wab = this.wab, v = this.v, dq = this.dq;
        for (int i = 0; i < q; i++) {
            final int row = i * n;
            final double[] t = tht[i];
            final double c = nu[i] * dphi[i];
            // W ← W − step·(g_xᵀ x̃_{t−1}) θ̃_{t−1}
            Rows.subScaled(wab, row, a, t, 0, n);
            // θ̃_t = θ̃_{t−1}/ρ0 + δθ/ρ1, both quotients as quotient() computes them (fma(q, −ρ, a) = fma(−q, ρ, a)),
            // written out and in two loops: C2 vectorises each form alone but not their sum in one loop
            for (int j = 0; j < n; j++) {
                final double cv = c * v[j], q1 = cv * y1;
                dq[j] = Math.fma(Math.fma(q1, m1, cv), y1, q1);
            }
            for (int j = 0; j < n; j++) {
                final double th = t[j], q0 = th * y0;
                t[j] = Math.fma(Math.fma(q0, m0, th), y0, q0) + dq[j];
            }
        }
        System.arraycopy(xtNew, 0, xt, 0, q);
    }

    /**
     * a / b, correctly rounded, from y = 1/b: q = a·y is within an ulp of a/b, the residual a − b·q is exact with
     * one fma, and one more fma rounds q + r·y to the correctly rounded quotient (Markstein's theorem), bit for
     * bit what {@code a / b} gives for quotients in the normal range (|a/b| > 2^−969; here b = ρ ≥ ε and a is a
     * θ̃ entry). Three vectorisable multiply-adds instead of a division, whose vector throughput is ~8× lower;
     * the one difference, a −0 numerator giving +0, cannot change the sum it feeds. {@link #applyAB} inlines it.
     */
    static double quotient(double a, double b, double y) {
        double q = a * y;
        return Math.fma(Math.fma(-q, b, a), y, q);
    }

    @Override
    void copyGradientAB(double[] out) {
        for (int i = 0; i < q; i++) for (int j = 0; j < n; j++) out[i * n + j] = gdot * tht[i][j];
    }

    @Override
    void writeTrainerState(DataOutput out) throws IOException {
        StateIO.writeDoubles(out, xt);
        StateIO.writeRows(out, tht);
    }

    @Override
    void readTrainerState(DataInput in) throws IOException {
        StateIO.readDoubles(in, xt);
        StateIO.readRows(in, tht);
    }
}
