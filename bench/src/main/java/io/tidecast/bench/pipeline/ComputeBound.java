package io.tidecast.bench.pipeline;

import io.tidecast.bench.Workload;
import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import io.tidecast.learners.Rls;
import io.tidecast.learners.RlsCovariance;
import io.tidecast.learners.rnn.RnnLearners;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compute-bound rate of a learner set, measured in the same run: nanoseconds per online step (predict, learn,
 * observe; what the operator does per learner, horizon and sample) of every learner on breathing-like windows,
 * timed in a warmed-up loop on this thread. A sample costs the sum over learners and horizons; the cores Flink uses
 * process {@code cores / cost} samples per second at best.
 */
final class ComputeBound {
    final Map<String, Double> nanosPerStep = new LinkedHashMap<>();
    final double nanosPerSample;

    /** RLS learners: the cost of a horizon that shares the covariance (predict + weight update only). */
    final Map<String, Double> nanosPerSharedStep = new LinkedHashMap<>();

    /** RNN learners with {@code shareHorizons: 1}: one step of the network that serves every horizon. */
    final Map<String, Double> nanosPerNetworkStep = new LinkedHashMap<>();

    private ComputeBound(Map<String, Double> steps, Map<String, Double> shared, Map<String, Double> networks, int horizons) {
        nanosPerStep.putAll(steps);
        nanosPerSharedStep.putAll(shared);
        nanosPerNetworkStep.putAll(networks);
        double s = 0;
        for (double v : networks.values()) s += v; // once per sample, whatever the horizons
        for (var e : steps.entrySet()) {
            Double w = shared.get(e.getKey());
            // the operator pays an RLS covariance update once per sample, and every further horizon only its weights
            s += w == null ? e.getValue() * horizons : e.getValue() + w * (horizons - 1);
        }
        nanosPerSample = s;
    }

    double samplesPerSecond(int cores) {
        return cores * 1e9 / nanosPerSample;
    }

    static ComputeBound measure(List<LearnerSpec> learners, int dim, int horizons, double rateHz, long millis) {
        Map<String, Double> steps = new LinkedHashMap<>();
        Map<String, Double> shared = new LinkedHashMap<>();
        Map<String, Double> networks = new LinkedHashMap<>();
        for (LearnerSpec spec : learners) {
            int pool = 512;
            double[][] xs = Workload.inputs(pool, dim, spec.history, rateHz);
            double[][] ys = Workload.targets(pool, dim, spec.history, rateHz);
            boolean network = RnnLearners.isRnn(spec.kind) && spec.param("shareHorizons", 0) == 1;
            OnlineRegressor r = network
                    ? RnnLearners.create(spec.kind, spec, new LearnerContext(dim, spec.history, 100, 7), horizons)
                    : Learners.create(spec, new LearnerContext(dim, spec.history, 100, 7));
            if (network) ys = heads(ys, horizons);
            double[] out = new double[r.outputDim()];
            loop(r, xs, ys, out, millis / 2); // warm-up: JIT and the learner's own transient
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + millis * 1_000_000L;
            long now;
            do {
                loop(r, xs, ys, out, 0);
                n += pool;
                now = System.nanoTime();
            } while (now < end);
            (network ? networks : steps).put(spec.name, (now - t0) / (double) n);
            if (r instanceof Rls) shared.put(spec.name, sharedStep(spec, dim, xs, ys, millis));
        }
        return new ComputeBound(steps, shared, networks, horizons);
    }

    /** Targets for a network with one read-out per horizon: every head gets the same stand-in target. */
    private static double[][] heads(double[][] ys, int horizons) {
        double[][] out = new double[ys.length][];
        for (int i = 0; i < ys.length; i++) {
            out[i] = new double[ys[i].length * horizons];
            for (int j = 0; j < horizons; j++) System.arraycopy(ys[i], 0, out[i], j * ys[i].length, ys[i].length);
        }
        return out;
    }

    /** ns of predict + weight update of an RLS horizon whose gains come from a shared covariance. */
    private static double sharedStep(LearnerSpec spec, int dim, double[][] xs, double[][] ys, long millis) {
        Rls r = (Rls) Learners.create(spec, new LearnerContext(dim, spec.history, 100, 7));
        RlsCovariance p = r.shareCovariance();
        double[][] gains = new double[xs.length][xs[0].length + 1];
        for (int i = 0; i < xs.length; i++) {
            double inv = p.gain(xs[i], gains[i]);
            gains[i][xs[0].length] = inv;
            p.downdate(gains[i], inv);
        }
        double[] out = new double[dim];
        long n = 0;
        long t0 = 0;
        long end = System.nanoTime() + millis * 1_000_000L * 3 / 2;
        long warm = System.nanoTime() + millis * 1_000_000L / 2;
        long now;
        do {
            if (t0 == 0 && System.nanoTime() > warm) {
                t0 = System.nanoTime();
                n = 0;
            }
            for (int i = 0; i < xs.length; i++) {
                r.predict(xs[i], out);
                r.learn(xs[i], ys[i], gains[i], gains[i][xs[0].length]);
                sink += out[0];
            }
            n += xs.length;
            now = System.nanoTime();
        } while (now < end);
        return (now - t0) / (double) n;
    }

    private static double sink;

    private static void loop(OnlineRegressor r, double[][] xs, double[][] ys, double[] out, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        do {
            for (int i = 0; i < xs.length; i++) {
                r.predict(xs[i], out);
                r.learn(xs[i], ys[i]);
                r.observe(xs[i]);
                sink += out[0];
            }
        } while (System.nanoTime() < end);
    }
}
