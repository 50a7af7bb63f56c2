package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import static io.tidecast.learners.kernel.Dot.sumSq;

/**
 * RTRL's gradient computed in reverse over the stored history: the same g_ab = g_xᵀ J_t as {@link Rtrl}, for the
 * offline reproduction, where a run is a few hundred to a thousand steps long.
 *
 * <p>Unrolling J_t = I_t + D_t J_{t−1} (D_s = diag(φ′(z_s)) W_a^{(s)}, W_a^{(s)} the weights step s ran with) gives
 *
 * <pre>
 *   g_ab = Σ_{s ≤ t} (δ_s ⊙ φ′(z_s)) v_sᵀ,   δ_t = g_x,   δ_{s−1} = (δ_s ⊙ φ′(z_s))ᵀ W_a^{(s)},
 * </pre>
 *
 * so keeping v_s, φ′(z_s) and W_a^{(s)} of every step turns the O(q³n) forward update into a backward sweep of
 * O(q² + qn) per stored step. The sweep stops early only when what is left cannot matter in double precision: with
 * c_s ≥ ‖D_s‖₂ (the smaller of ‖D_s‖_F and √(‖D_s‖₁‖D_s‖_∞)) and B_s = ‖v_s‖ + c_s B_{s−1}, the dropped terms are
 * at most ‖δ_{s−1}‖ B_{s−1} in Frobenius norm, and the sweep stops once that is below {@value #TAIL} of a lower
 * bound of the kept gradient's norm (its bias column). The result equals the forward recursion up to rounding
 * (different summation order), so the weights agree with {@link Rtrl}'s to round-off, not bit for bit.
 *
 * <p>Cost: memory O(t·q²) (the history grows; arrays double when full) and time O(L(q² + qn)) per step, L the swept
 * depth, measured 5–17 steps on average on the 3.33 Hz series (q = 10–40), against O(q³n) forward. Should the sweeps
 * get deep (mean depth over the last {@value #WINDOW} steps above 10× the FLOP break-even q·n/(q+n)), the trainer
 * rebuilds J_t from the history and continues with the forward recursion, so a run never costs much more than
 * forward RTRL. For the offline reproduction; unbounded streams keep {@link Rtrl}.
 *
 * <p>State: {@link #writeState} writes the forward influence matrix J_t (rebuilt from the history), i.e. exactly an
 * {@link Rtrl} state, so a checkpoint reads back as a forward RTRL trainer that continues the same computation.
 */
public final class RtrlReverse extends RnnTrainer {
    /** Relative size below which the rest of the backward sweep is dropped (far below the sum's own rounding). */
    static final double TAIL = 1e-18;

    private final int qq;
    private final double[] gab;
    private final double[] delta;
    private final double[] next;
    /** The kept gradient's bias column Σ a_s v_s[q], accumulated during the sweep (a lower bound of its norm). */
    private final double[] bias;

    private int len;
    private int cap;
    /** v_s, one array per step (the accumulation reads four of them at the same index: C2 vectorises that, not four offsets into one array). */
    private double[][] histV;
    private double[] histDphi;
    private double[] histWa;
    /** Per step s: B_s = ‖v_s‖ + c_s B_{s−1}, c_s ≥ ‖D_s‖₂, so the terms of steps ≤ s sum to at most ‖δ_s‖ B_s. */
    private double[] tailB;
    /** a_s = δ_s ⊙ φ′(z_s) of the current sweep, row s. */
    private double[] as;

    /** Test hook: the depth (number of steps summed) of the last sweep. */
    int lastDepth;
    /** Sum of the sweep depths so far, and the number of steps taken in reverse (for the benchmark's FLOP count). */
    private long depthTotal;
    private long reverseSteps;

    /** Sweeps whose mean depth decides whether to go on in reverse. */
    static final int WINDOW = 32;
    private final int[] depths = new int[WINDOW];
    private long depthSum;
    /** Mean sweep depth above which the forward recursion is cheaper: 10× the FLOP break-even q·n/(q+n), as measured (a swept step streams q² + n stored doubles; forward runs near the kernel peak). */
    double switchDepth;
    /** Non-null once the sweeps became too deep: from then on the forward recursion, continued from J_t rebuilt from the history. */
    private Rtrl forward;

    RtrlReverse(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed) {
        super(hidden, inputDim, outputDim, eta, clip, initStd, seed, true);
        this.qq = q * q;
        this.gab = new double[Math.multiplyExact(q, n)];
        this.delta = new double[q];
        this.next = new double[q];
        this.bias = new double[q];
        this.switchDepth = Math.max(32.0, 10.0 * q * n / (double) (q + n));
        grow(64);
    }

    /** A reverse-mode RTRL trainer with P25's settings; same initial weights as {@link RnnTrainer#create} for RTRL. */
    public static RtrlReverse create(int hidden, int inputDim, int outputDim, double eta, long seed) {
        return create(hidden, inputDim, outputDim, eta, DEFAULT_CLIP, DEFAULT_INIT_STD, seed);
    }

    public static RtrlReverse create(int hidden, int inputDim, int outputDim, double eta, double clip, double initStd, long seed) {
        return new RtrlReverse(hidden, inputDim, outputDim, eta, clip, initStd, seed);
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.RTRL;
    }

    private void grow(int newCap) {
        histV = histV == null ? new double[newCap][] : Arrays.copyOf(histV, newCap);
        for (int s = cap; s < newCap; s++) histV[s] = new double[n];
        histDphi = histDphi == null ? new double[newCap * q] : Arrays.copyOf(histDphi, newCap * q);
        histWa = histWa == null ? new double[Math.multiplyExact(newCap, qq)] : Arrays.copyOf(histWa, newCap * qq);
        tailB = tailB == null ? new double[newCap] : Arrays.copyOf(tailB, newCap);
        as = as == null ? new double[newCap * q] : Arrays.copyOf(as, newCap * q);
        cap = newCap;
    }

    /** Appends step t's v_t, φ′(z_t), W_a (pre-update) and the norm bounds. */
    private void record() {
        if (len == cap) grow(Math.multiplyExact(cap, 2));
        final int t = len;
        System.arraycopy(v, 0, histV[t], 0, n);
        System.arraycopy(dphi, 0, histDphi, t * q, q);
        // ‖D‖₂ ≤ min(‖D‖_F, √(‖D‖₁‖D‖_∞)) for D = diag(φ′) W_a; colAbs collects the column sums of |D|
        double fro2 = 0, rowMax = 0;
        final double[] colAbs = this.next;
        Arrays.fill(colAbs, 0.0);
        final int wo = t * qq;
        for (int i = 0; i < q; i++) {
            System.arraycopy(wab, i * n, histWa, wo + i * q, q);
            final double di = dphi[i];
            double r2 = 0, ra = 0;
            for (int j = 0; j < q; j++) {
                double w = wab[i * n + j];
                r2 += w * w;
                double a = Math.abs(di * w);
                ra += a;
                colAbs[j] += a;
            }
            fro2 += di * di * r2;
            rowMax = Math.max(rowMax, ra);
        }
        double colMax = 0;
        for (int j = 0; j < q; j++) colMax = Math.max(colMax, colAbs[j]);
        // 1 + 1e-12: margin for the rounding of the bound itself
        double c = Math.min(Math.sqrt(fro2), Math.sqrt(rowMax * colMax)) * (1 + 1e-12);
        double vn = Math.sqrt(sumSq(v, 0, n)) * (1 + 1e-12);
        tailB[t] = t == 0 ? vn : vn + c * tailB[t - 1];
        len = t + 1;
    }

    @Override
    double prepare(double[] y) {
        if (forward != null) return forwardStep(y);
        double g2 = sweep();
        depthTotal += lastDepth;
        reverseSteps++;
        int slot = len % WINDOW;
        depthSum += lastDepth - depths[slot];
        depths[slot] = lastDepth;
        if (len >= WINDOW && depthSum > switchDepth * WINDOW) {
            forward = replay();
            histV = null;
            histDphi = histWa = tailB = as = null;
        }
        return g2;
    }

    /** One step of {@link Rtrl} on this step's quantities; g_ab lands in {@link #gab}. */
    private double forwardStep(double[] y) {
        final Rtrl f = forward;
        System.arraycopy(v, 0, f.v, 0, n);
        System.arraycopy(dphi, 0, f.dphi, 0, q);
        System.arraycopy(gx, 0, f.gx, 0, q);
        for (int i = 0; i < q; i++) System.arraycopy(wab, i * n, f.wab, i * n, q);
        double g2 = f.prepare(y);
        f.copyGradientAB(gab);
        return g2;
    }

    /** Steps whose gradient came from a backward sweep (all steps before a switch to the forward recursion). */
    public long reverseSteps() {
        return reverseSteps;
    }

    /** Stored steps summed over all backward sweeps: their mean depth is this over {@link #reverseSteps()}. */
    public long sweptStepsTotal() {
        return depthTotal;
    }

    /** Whether the trainer has switched to the forward recursion. */
    public boolean forwardMode() {
        return forward != null;
    }

    private double sweep() {
        record();
        final int q = this.q, n = this.n, qq = this.qq;
        final double[] delta = this.delta, next = this.next, as = this.as, histWa = this.histWa, histDphi = this.histDphi;
        final int t = len - 1;
        final int biasCol = q; // v_s[q] = u_s[0], the bias input
        System.arraycopy(gx, 0, delta, 0, q);
        // backward sweep: a_s = δ_s ⊙ φ′_s, δ_{s−1} = a_sᵀ W_a^{(s)}
        final double[] bias = this.bias;
        Arrays.fill(bias, 0.0);
        int lo = t;
        for (int s = t; ; s--) {
            final int ao = s * q, po = s * q;
            final double vb = histV[s][biasCol];
            for (int i = 0; i < q; i++) {
                double a = delta[i] * histDphi[po + i];
                as[ao + i] = a;
                bias[i] += a * vb;
            }
            lo = s;
            if (s == 0) break;
            Arrays.fill(next, 0.0);
            final int wo = s * qq;
            for (int i = 0; i < q; i++) {
                final double a = as[ao + i];
                if (a == 0.0) continue;
                final int r = wo + i * q;
                for (int j = 0; j < q; j++) next[j] += a * histWa[r + j];
            }
            System.arraycopy(next, 0, delta, 0, q);
            double tail = Math.sqrt(sumSq(delta, 0, q)) * tailB[s - 1];
            if (tail == 0.0) break;
            // lower bound of the kept gradient's norm: its bias column Σ a_s v_s[q]
            double keep = Math.sqrt(sumSq(bias, 0, q)) - tail;
            if (keep > 0 && tail <= TAIL * keep) break;
            if (Double.isNaN(keep)) break; // a diverged run: the gradient is NaN already, older steps cannot change that
        }
        lastDepth = t - lo + 1;
        accumulate(lo, t);
        return sumSq(gab, 0, gab.length);
    }

    /** gab = Σ_{s=lo..hi} a_s v_sᵀ, blocked over s so that the v rows stay cache-resident while every row of gab is updated. */
    private void accumulate(int lo, int hi) {
        final int q = this.q, n = this.n;
        final double[] gab = this.gab, as = this.as;
        final double[][] hv = this.histV;
        Arrays.fill(gab, 0.0);
        final int block = 64;
        for (int s0 = lo; s0 <= hi; s0 += block) {
            final int s1 = Math.min(hi + 1, s0 + block);
            for (int i = 0; i < q; i++) {
                final int g = i * n;
                int s = s0;
                for (; s + 3 < s1; s += 4) {
                    final double a0 = as[s * q + i], a1 = as[(s + 1) * q + i], a2 = as[(s + 2) * q + i], a3 = as[(s + 3) * q + i];
                    final double[] v0 = hv[s], v1 = hv[s + 1], v2 = hv[s + 2], v3 = hv[s + 3];
                    for (int j = 0; j < n; j++) gab[g + j] += a0 * v0[j] + a1 * v1[j] + a2 * v2[j] + a3 * v3[j];
                }
                for (; s < s1; s++) {
                    final double a0 = as[s * q + i];
                    final double[] v0 = hv[s];
                    for (int j = 0; j < n; j++) gab[g + j] += a0 * v0[j];
                }
            }
        }
    }

    @Override
    void applyAB(double step) {
        descendDense(gab, step);
    }

    @Override
    void copyGradientAB(double[] out) {
        System.arraycopy(gab, 0, out, 0, gab.length);
    }

    /** The steps kept so far. */
    public int historyLength() {
        return len;
    }

    /** Writes J_t (rebuilt from the history unless already forward): the state of an {@link Rtrl}. */
    @Override
    void writeTrainerState(DataOutput out) throws IOException {
        StateIO.writeDoubles(out, (forward != null ? forward : replay()).jac);
    }

    /** An {@link Rtrl} holding J after every recorded step: the forward recursion run over the history. */
    private Rtrl replay() {
        Rtrl fwd = new Rtrl(q, inputDim, p, eta, clip, initStd, 0L, false);
        Arrays.fill(fwd.gx, 0.0);
        for (int s = 0; s < len; s++) {
            System.arraycopy(histV[s], 0, fwd.v, 0, n);
            System.arraycopy(histDphi, s * q, fwd.dphi, 0, q);
            for (int i = 0; i < q; i++) System.arraycopy(histWa, s * qq + i * q, fwd.wab, i * n, q);
            fwd.prepare(null);
        }
        return fwd;
    }

    @Override
    void readTrainerState(DataInput in) throws IOException {
        throw new IOException("a reverse-mode RTRL state reads back as a forward RTRL trainer (RnnTrainer.read)");
    }
}
