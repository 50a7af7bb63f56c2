package io.tidecast.learners.policy;

/**
 * The numerics shared by {@link TsallisInf} and {@link TsallisInfBinned}: the 1/2-Tsallis FTRL distribution
 * {@code p_i = 4 / (eta^2 (L_i - x)^2)} with the normaliser x chosen so that {@code sum p = 1}.
 *
 * <p>Solve. With {@code u_i = L_i - min L >= 0} and {@code z = eta (min L - x) / 2 > 0} the distribution is
 * {@code p_i = 1 / (d_i + z)^2} with {@code d_i = eta u_i / 2}, so {@code f(z) = sum_i (d_i + z)^-2 - 1} is convex and
 * decreasing, {@code f(1) >= 0} (the best arm alone has p = 1 at z = 1) and {@code f(sqrt N) <= 0} (every term is at
 * most 1/N). Newton from z = 1 ({@code z <- z + f(z) / (2 sum (d_i+z)^-3)}, the reference's update on x) therefore
 * increases monotonically to the root without overshooting; the bracket [1, sqrt N] is kept and bisection takes
 * over if Newton fails to converge or leaves it. The result is renormalised, so it sums to 1 within a few ulp
 * and every entry is in [0, 1], for any finite or infinite spread of the L (an infinite d_i gives p_i = 0).
 */
final class TsallisCore {
    static final int MAX_NEWTON = 100;
    static final int MAX_BISECT = 2000;

    private TsallisCore() {}

    /**
     * Fills {@code p[0..n)} from the spreads {@code d[0..n)} (all >= 0, at least one 0, +Infinity allowed) and returns z.
     */
    static double solveSpread(double[] d, int n, double[] p) {
        double lo = 1;
        double hi = Math.max(1, Math.sqrt(n));
        double z = 1;
        boolean done = false;
        for (int it = 0; it < MAX_NEWTON; it++) {
            double s2 = 0;
            double s3 = 0;
            for (int i = 0; i < n; i++) {
                double a = 1.0 / (d[i] + z);
                double a2 = a * a;
                s2 += a2;
                s3 += a2 * a;
            }
            double f = s2 - 1;
            if (f > 0) lo = Math.max(lo, z);
            else {
                hi = Math.min(hi, z);
                done = true; // at (or, by rounding, just past) the root: Newton from the left never passes it otherwise
                break;
            }
            double step = f / (2 * s3);
            double zn = z + step;
            if (!(zn >= lo && zn <= hi)) break; // left the bracket or NaN: bisection
            if (zn - z <= 2 * Math.ulp(z)) {
                z = zn;
                done = true;
                break;
            }
            z = zn;
        }
        if (!done) {
            for (int it = 0; it < MAX_BISECT; it++) {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) break;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    double a = 1.0 / (d[i] + mid);
                    s2 += a * a;
                }
                if (s2 > 1) lo = mid;
                else hi = mid;
            }
            z = 0.5 * (lo + hi);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double a = 1.0 / (d[i] + z);
            p[i] = a * a;
            sum += p[i];
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            java.util.Arrays.fill(p, 0, n, 1.0 / n);
            return z;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < n; i++) p[i] = Math.min(1.0, p[i] * inv);
        return z;
    }

    /**
     * The Tsallis-INF distribution for loss estimates {@code L[0..n)} and rate {@code eta}; returns the normaliser x
     * ({@code p_i = 4 / (eta^2 (L_i - x)^2)} before the final renormalisation). {@code scratch} has length >= n.
     */
    static double solve(double[] L, int n, double eta, double[] p, double[] scratch) {
        double min = PolicyIO.min(L, 0, n);
        for (int i = 0; i < n; i++) scratch[i] = 0.5 * eta * (L[i] - min);
        double z = solveSpread(scratch, n, p);
        return min - 2 * z / eta;
    }

    /** Running cost scale of the practical variant: mean(cost) - offset, 1 before any update or when not > 0. */
    static double scale(long steps, double sumCost, double offset) {
        if (steps == 0) return 1;
        double s = sumCost / steps - offset;
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /**
     * Distribution of one Tsallis-INF learner whose unnormalised cumulative estimates are {@code k[off..off+n)},
     * after {@code steps} updates with cost sum {@code sumCost}: {@code L = k / s}, {@code eta_t = 2 / sqrt(t)},
     * {@code t = steps + 1}.
     */
    static void probabilities(double[] k, int off, int n, long steps, double sumCost, double offset, double[] p, double[] scratch) {
        double s = scale(steps, sumCost, offset);
        double eta = 2 / Math.sqrt(steps + 1.0);
        double min = PolicyIO.min(k, off, n);
        double f = 0.5 * eta / s;
        for (int i = 0; i < n; i++) {
            double d = f * (k[off + i] - min);
            scratch[i] = d >= 0 ? d : 0; // NaN cannot occur for finite k; keep the spread valid anyway
        }
        solveSpread(scratch, n, p);
    }

    /**
     * The authors' normaliser ({@code TsallisINF.m} at HEAD), for reproduction: {@code steps} Newton steps on x from
     * {@code x = -1}, each computing {@code p_i = 4 (eta (L_i - x))^-2} and then {@code x <- x - (sum p - 1) /
     * (eta sum p^1.5)}, so the p kept are those of the last step's x before its update. From x = -1 Newton can
     * jump past the pole at min L (it does once L has grown to ~t), so the result is not the FTRL distribution and its
     * mass is not 1. Writes the unnormalised p into {@code p} and returns their sum, or writes 1/n and returns 1
     * when the sum is not a positive finite number (where the authors' sampling falls back to uniform).
     */
    static double authorsNewton(double[] L, int off, int n, double eta, double scale, int steps, double[] p) {
        double x = -1;
        double sum = 0;
        for (int it = 0; it < steps; it++) {
            sum = 0;
            double s32 = 0;
            for (int i = 0; i < n; i++) {
                // the authors' arithmetic (4 * g.^-2, p.^1.5): the fixed-step iteration is not a contraction
                // where it overshoots, so other roundings drift apart over a run
                double v = 4 * Math.pow(eta * (L[off + i] / scale - x), -2);
                p[i] = v;
                sum += v;
                s32 += Math.pow(v, 1.5);
            }
            x -= (sum - 1) / (eta * s32);
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            java.util.Arrays.fill(p, 0, n, 1.0 / n);
            return 1;
        }
        return sum;
    }

    /**
     * Like {@link #probabilities} with the authors' normaliser ({@link #authorsNewton}) on the unshifted k: writes the
     * sampling distribution (the Newton p renormalised, as MATLAB's {@code randsample} does) and returns the Newton
     * mass, so that {@code probability * mass} is the authors' importance weight.
     */
    static double authorsProbabilities(double[] k, int off, int n, long steps, double sumCost, double offset, int newtonSteps, double[] p) {
        double s = scale(steps, sumCost, offset);
        double eta = 2 / Math.sqrt(steps + 1.0);
        double mass = authorsNewton(k, off, n, eta, s, newtonSteps, p);
        double inv = 1.0 / mass;
        for (int i = 0; i < n; i++) p[i] = Math.min(1.0, p[i] * inv);
        return mass;
    }

    /**
     * The authors' update: {@code k[off + arm] += (cost - offset) / w_arm} with {@code w} the unnormalised Newton
     * weights of the current state (unchanged since the arm was drawn), and no shift (the Newton from x = -1 depends on
     * absolute L). {@code scratch} has length >= n.
     */
    static void authorsUpdate(double[] k, int off, int n, long steps, double sumCost, double offset, int newtonSteps,
                              int arm, double cost, double[] scratch) {
        double s = scale(steps, sumCost, offset);
        double eta = 2 / Math.sqrt(steps + 1.0);
        authorsNewton(k, off, n, eta, s, newtonSteps, scratch);
        k[off + arm] = PolicyIO.clamp(k[off + arm] + (cost - offset) / scratch[arm]);
    }

    /** {@code k[off + arm] += (cost - offset) / probability}, then shift so that min k = 0 (capped at 1e300). */
    static void update(double[] k, int off, int n, int arm, double cost, double offset, double probability) {
        k[off + arm] = PolicyIO.clamp(k[off + arm] + (cost - offset) / probability);
        double m = PolicyIO.min(k, off, n);
        for (int i = off; i < off + n; i++) k[i] -= m;
    }
}
