package io.tidecast.learners.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered policy kind keeps, run over {@link Policies#kinds()} with a default spec, so a
 * newly registered kind is covered without touching this class.
 */
class PolicyConformanceTest {
    static final int N = 5;
    static final long SEED = 42L;

    static Stream<String> kinds() {
        return Policies.kinds().stream().sorted();
    }

    static Policy create(String kind) {
        return Policies.create(new PolicySpec(kind, N, SEED, Map.of()));
    }

    static byte[] state(Policy p) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            Policies.write(p, new DataOutputStream(bos));
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Policy restore(byte[] b) {
        try {
            return Policies.read(new DataInputStream(new ByteArrayInputStream(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One round of a reproducible environment (a function of the round index only, so an interrupted and an
     * uninterrupted run see the same data). Returns what the policy showed: its distribution, then the arm it drew.
     * Costs are in [1, 2] (the Tsallis and SquareCB default offset is 1); expert losses in [0, 1]; every 7th round
     * one expert sleeps.
     */
    static double[] round(Policy p, long t) {
        SplittableRandom env = new SplittableRandom(t * 0x9E3779B97F4A7C15L + 17);
        double[] out = new double[N + 1];
        if (p instanceof ExpertPolicy) {
            ExpertPolicy e = (ExpertPolicy) p;
            boolean[] awake = null;
            if (t % 7 == 3) {
                awake = new boolean[N];
                Arrays.fill(awake, true);
                awake[(int) (t % N)] = false;
            }
            double[] losses = new double[N];
            for (int i = 0; i < N; i++) losses[i] = env.nextDouble() * (0.5 + 0.1 * i);
            e.weights(awake, out);
            out[N] = -1;
            e.update(losses, awake);
        } else if (p instanceof BanditPolicy) {
            BanditPolicy b = (BanditPolicy) p;
            b.probabilities(out);
            int arm = b.pick();
            out[N] = arm;
            double cost = 1 + env.nextDouble() * (0.4 + 0.15 * arm);
            b.update(arm, cost, out[arm]);
        } else {
            ContextualBanditPolicy c = (ContextualBanditPolicy) p;
            double[] ctx = {env.nextDouble()};
            c.probabilities(ctx, out);
            int arm = c.pick(ctx);
            out[N] = arm;
            double cost = 1 + Math.abs(ctx[0] - 0.2 * arm) + 0.1 * env.nextDouble();
            c.update(ctx, arm, cost, out[arm]);
        }
        return out;
    }

    static List<double[]> run(Policy p, long from, long to) {
        List<double[]> trace = new ArrayList<>();
        for (long t = from; t < to; t++) trace.add(round(p, t));
        return trace;
    }

    static void assertBitIdentical(List<double[]> a, List<double[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int r = 0; r < a.size(); r++) {
            for (int i = 0; i < a.get(r).length; i++) {
                assertThat(Double.doubleToRawLongBits(a.get(r)[i])).as("round %d entry %d", r, i)
                        .isEqualTo(Double.doubleToRawLongBits(b.get(r)[i]));
            }
        }
    }

    static void assertDistribution(double[] p, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).as("p[%d] of %s", i, Arrays.toString(p)).isBetween(0.0, 1.0);
            s += p[i];
        }
        assertThat(Math.abs(s - 1)).as("sum of %s", Arrays.toString(p)).isLessThanOrEqualTo(1e-12);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void seededRunsAreIdentical(String kind) {
        Policy a = create(kind);
        Policy b = create(kind);
        assertBitIdentical(run(a, 0, 500), run(b, 0, 500));
        assertThat(state(a)).isEqualTo(state(b));
        assertThat(a.steps()).isEqualTo(500);
        assertThat(a.size()).isEqualTo(N);
        assertThat(a.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void differentSeedsOrDataDiverge(String kind) {
        Policy a = create(kind);
        Policy b = create(kind);
        run(a, 0, 300);
        run(b, 1000, 1300);
        assertThat(state(a)).isNotEqualTo(state(b));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void snapshotRestoreContinuesBitIdentically(String kind) {
        Policy straight = create(kind);
        List<double[]> whole = run(straight, 0, 1000);

        Policy first = create(kind);
        run(first, 0, 400);
        byte[] snap = state(first);
        Policy restored = restore(snap);
        assertThat(state(restored)).isEqualTo(snap);
        assertThat(restored.getClass()).isEqualTo(first.getClass());
        List<double[]> rest = run(restored, 400, 1000);

        assertBitIdentical(whole.subList(400, 1000), rest);
        assertThat(state(restored)).isEqualTo(state(straight));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void weightsAndProbabilitiesArePure(String kind) {
        Policy p = create(kind);
        run(p, 0, 200);
        byte[] before = state(p);
        double[] a = new double[N];
        double[] b = new double[N];
        double[] ctx = {0.37};
        for (int rep = 0; rep < 3; rep++) {
            if (p instanceof ExpertPolicy) {
                ((ExpertPolicy) p).weights(a);
                ((ExpertPolicy) p).weights(new boolean[] {true, false, true, true, false}, b);
                assertThat(b[1]).isZero();
                assertThat(b[4]).isZero();
                assertDistribution(b, N);
            } else if (p instanceof BanditPolicy) {
                ((BanditPolicy) p).probabilities(a);
            } else {
                ((ContextualBanditPolicy) p).probabilities(ctx, a);
            }
            assertDistribution(a, N);
        }
        assertThat(state(p)).isEqualTo(before);
        // and the continuation equals a twin's that never looked
        Policy twin = create(kind);
        run(twin, 0, 200);
        assertBitIdentical(run(p, 200, 300), run(twin, 200, 300));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stateSizeDoesNotGrow(String kind) {
        Policy p = create(kind);
        run(p, 0, 100);
        int small = state(p).length;
        run(p, 100, 10_000);
        assertThat(state(p).length).isEqualTo(small);
        assertThat(state(create(kind)).length).isEqualTo(small);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void distributionsStayValidThroughoutARun(String kind) {
        Policy p = create(kind);
        for (double[] out : run(p, 0, 3000)) assertDistribution(out, N);
    }

    /** 1e6 rounds of constant costs, once distinct per arm and once all equal (the degenerate scale case). */
    @ParameterizedTest
    @MethodSource("kinds")
    void noNaNAfterAMillionConstantRounds(String kind) {
        for (boolean equal : new boolean[] {false, true}) {
            Policy p = create(kind);
            double[] loss = new double[N];
            for (int i = 0; i < N; i++) loss[i] = equal ? 0.5 : 0.1 + 0.2 * i;
            double[] out = new double[N];
            double[] ctx = {0.25};
            int steps = 1_000_000;
            if (p instanceof ExpertPolicy) {
                ExpertPolicy e = (ExpertPolicy) p;
                for (int t = 0; t < steps; t++) e.update(loss);
                e.weights(out);
            } else if (p instanceof BanditPolicy) {
                BanditPolicy b = (BanditPolicy) p;
                for (int t = 0; t < steps; t++) {
                    b.probabilities(out);
                    int arm = PolicyIO.draw(out, N, (t * 0.6180339887498949) % 1.0);
                    b.update(arm, 1 + loss[arm], out[arm]);
                }
                b.probabilities(out);
                assertThat(b.pick()).isBetween(0, N - 1);
            } else {
                ContextualBanditPolicy c = (ContextualBanditPolicy) p;
                for (int t = 0; t < steps; t++) {
                    ctx[0] = (t % 10) / 10.0;
                    c.probabilities(ctx, out);
                    int arm = PolicyIO.draw(out, N, (t * 0.6180339887498949) % 1.0);
                    c.update(ctx, arm, 1 + loss[arm], out[arm]);
                }
                c.probabilities(ctx, out);
            }
            assertDistribution(out, N);
            if (!equal) {
                assertThat(out[0]).as("%s concentrates on the best arm: %s", kind, Arrays.toString(out)).isGreaterThan(0.5);
            }
            Policy back = restore(state(p));
            assertThat(state(back)).isEqualTo(state(p));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsBadFeedback(String kind) {
        Policy p = create(kind);
        if (p instanceof ExpertPolicy) {
            double[] l = new double[N];
            l[2] = Double.NaN;
            assertThatThrownBy(() -> ((ExpertPolicy) p).update(l)).isInstanceOf(IllegalArgumentException.class);
            boolean[] awake = {true, true, false, true, true};
            ((ExpertPolicy) p).update(l, awake); // an asleep expert's loss is not read
        } else if (p instanceof BanditPolicy) {
            BanditPolicy b = (BanditPolicy) p;
            assertThatThrownBy(() -> b.update(N, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.update(0, Double.NaN, 0.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.update(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        } else {
            ContextualBanditPolicy c = (ContextualBanditPolicy) p;
            assertThatThrownBy(() -> c.update(new double[] {0.5}, 0, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c.update(new double[] {Double.NaN}, 0, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void registryKnowsAllKindsAndRejectsUnknownOnes() {
        assertThat(Policies.kinds()).containsExactlyInAnyOrder(
                "hedge", "adanormalhedge", "exp3", "tsallis-inf", "tsallis-inf-cb", "squarecb");
        assertThatThrownBy(() -> Policies.create(new PolicySpec("nope", 3, 1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown policy kind");
        assertThatThrownBy(() -> Policies.createBandit(new PolicySpec("hedge", 3, 1, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Policies.createExpert(new PolicySpec("hedge", 3, 1, null))).isInstanceOf(Hedge.class);
        assertThat(Policies.createContextual(new PolicySpec("squarecb", 3, 1, null))).isInstanceOf(SquareCb.class);
    }

    @Test
    void unsupportedVersionsAreRejected() {
        byte[] b = state(create("exp3"));
        byte[] envelope = b.clone();
        envelope[2 + "exp3".length() + 3] = 9; // envelope format version
        assertThatThrownBy(() -> Policies.read(new DataInputStream(new ByteArrayInputStream(envelope))))
                .isInstanceOf(IOException.class).hasMessageContaining("format");
        byte[] kindVersion = b.clone();
        kindVersion[2 + "exp3".length() + 7] = 9; // per-kind state version
        assertThatThrownBy(() -> Policies.read(new DataInputStream(new ByteArrayInputStream(kindVersion))))
                .isInstanceOf(IOException.class).hasMessageContaining("version");
    }
}
