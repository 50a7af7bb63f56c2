package io.tidecast.bench;

/**
 * FLOPs per online step (predict + update), counted from the inner loops of the Tidecast implementations: a
 * multiply-add is 2 FLOPs, a lone multiply, add or division 1. Only the O(matrix) terms are counted (loops over
 * q·n, q², p·q, d·m, m² or more); O(q), O(m) vector work and the q tanh/cosh evaluations are left out.
 *
 * <p>Notation: p = d = 9 outputs, M = m + 1 = 9k + 1 window inputs (with the bias), q hidden units,
 * n = q + M the columns of W = [W_a | W_b].
 *
 * <ul>
 *   <li>RNN common ({@code RnnTrainer.predictAndLearn}): forward z = W v (2qn), read-out W_c x (2pq),
 *       g_x = −W_cᵀ e (2pq), W_c update (2pq): {@code 2qn + 6pq}.</li>
 *   <li>SnAp-1: J̄ ← φ′v + φ′W_a[i,i]J̄ (3 per entry), W −= a·J̄ (2), in one sweep: {@code + 5qn}. This is the usual
 *       path, taken when a bound on the gradient norm proves it unclipped; otherwise ‖G‖² is accumulated as well
 *       (2 more per entry) before a separate W sweep.</li>
 *   <li>RTRL: D_t (q²), D_t·J (2q³n), immediate term (2qn), g_ab += g_x[s]·J[s,·] (2q²n), ‖g_ab‖² (2qn),
 *       W update (2qn): {@code + 2q³n + 2q²n + q² + 6qn}.</li>
 *   <li>UORO: ‖θ̃‖² (2qn), finite-difference tangent W_a(x + εx̃) (2q²), fused W and θ̃ update (6 per entry):
 *       {@code + 8qn + 2q²}.</li>
 *   <li>DNI: with r = q + p + 1, three row·A products (6rq), f (2q²), f D_tᵀ (2q²), A update (4rq), W update
 *       (2qn): {@code + 10rq + 4q² + 2qn}.</li>
 *   <li>RTRL in reverse ({@code RtrlReverse}, {@link #rtrlReverse}): data-dependent, so counted per run from the
 *       sweep depths the run actually took. A reverse step records ‖D_s‖ bounds (5 per W_a entry: 5q²), sweeps L stored
 *       steps back (δ ← a_sᵀW_a, 2q² for each of the L − 1 older steps; g_ab += a_s v_sᵀ, 2qn for each of the L), then
 *       ‖g_ab‖² and the W update (4qn): {@code common + 5q² + 2q²(L − 1) + 2qnL + 4qn}. After a switch to the forward
 *       recursion a step costs an RTRL step, and the switch itself replays the stored steps through the forward
 *       recursion ({@code 2q³n + 2q²n + q² + 2qn} each).</li>
 *   <li>LMS, NLMS: predict (2dM), Wx in learn (2dM), ‖x‖² (2M), W += s e xᵀ (2dM): {@code 6dM + 2M}.</li>
 *   <li>RLS: predict (2dM), Px (2M²), W update (4dM), P downdate on the packed upper triangle (4 per entry):
 *       {@code 2M² + 2M(M+1) + 6dM}.</li>
 *   <li>Ridge: predict (2dM), A += xxᵀ (2M²), bᵀ += y xᵀ (2dM), Px (2M²), W update (4dM), P downdate (4 per
 *       upper entry): {@code 4M² + 2M(M+1) + 8dM}.</li>
 *   <li>OLS (frozen warm-up fit): predict only, {@code 2dM}.</li>
 * </ul>
 */
public final class FlopModel {
    private FlopModel() {}

    /**
     * Mean FLOPs per step of a reverse-mode RTRL run of {@code steps} steps, of which the first {@code reverseSteps}
     * swept {@code sweptTotal} stored steps in all and the rest (after a switch, which replayed {@code reverseSteps}
     * steps) ran the forward recursion.
     */
    public static long rtrlReverse(int k, int q, long steps, long reverseSteps, long sweptTotal) {
        final long p = BenchCase.D;
        final long n = q + 1L + BenchCase.D * (long) k;
        final long qq = q;
        final long common = 2 * qq * n + 6 * p * qq;
        double reverse = reverseSteps * (double) (common + 5 * qq * qq + 4 * qq * n - 2 * qq * qq)
                + sweptTotal * (double) (2 * qq * qq + 2 * qq * n);
        long forwardSteps = steps - reverseSteps;
        double forward = 0;
        if (forwardSteps > 0) {
            forward = forwardSteps * (double) flopsPerStep("rtrl", k, q)
                    + reverseSteps * (double) (2 * qq * qq * qq * n + 2 * qq * qq * n + qq * qq + 2 * qq * n);
        }
        return Math.round((reverse + forward) / steps);
    }

    public static long flopsPerStep(BenchCase c) {
        return flopsPerStep(c.learner(), c.k(), c.q());
    }

    public static long flopsPerStep(String learner, int k, int q) {
        final long p = BenchCase.D;
        final long bigM = 1L + BenchCase.D * (long) k;
        final long n = q + bigM;
        final long qq = q;
        final long common = 2 * qq * n + 6 * p * qq;
        switch (learner) {
            case BenchCase.RTRL_REVERSE:
                throw new IllegalArgumentException("rtrl-reverse FLOPs depend on the run's sweep depths: use rtrlReverse");
            case "snap1":
                return common + 5 * qq * n;
            case "rtrl":
                return common + 2 * qq * qq * qq * n + 2 * qq * qq * n + qq * qq + 6 * qq * n;
            case "uoro":
                return common + 8 * qq * n + 2 * qq * qq;
            case "dni": {
                long r = qq + p + 1;
                return common + 10 * r * qq + 4 * qq * qq + 2 * qq * n;
            }
            case "lms":
            case "nlms":
                return 6 * p * bigM + 2 * bigM;
            case "rls":
                return 2 * bigM * bigM + 2 * bigM * (bigM + 1) + 6 * p * bigM;
            case "ridge":
                return 4 * bigM * bigM + 2 * bigM * (bigM + 1) + 8 * p * bigM;
            case "ols":
                return 2 * p * bigM;
            default:
                throw new IllegalArgumentException("no FLOP model for learner '" + learner + "'");
        }
    }
}
