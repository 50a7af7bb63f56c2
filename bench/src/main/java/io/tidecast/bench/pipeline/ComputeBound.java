package io.tidecast.bench.pipeline;

import io.tidecast.bench.Workload;
import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
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

    private ComputeBound(Map<String, Double> steps, int horizons) {
        nanosPerStep.putAll(steps);
        double s = 0;
        for (double v : steps.values()) s += v * horizons;
        nanosPerSample = s;
    }

    double samplesPerSecond(int cores) {
        return cores * 1e9 / nanosPerSample;
    }

    static ComputeBound measure(List<LearnerSpec> learners, int dim, int horizons, double rateHz, long millis) {
        Map<String, Double> steps = new LinkedHashMap<>();
        for (LearnerSpec spec : learners) {
            int pool = 512;
            double[][] xs = Workload.inputs(pool, dim, spec.history, rateHz);
            double[][] ys = Workload.targets(pool, dim, spec.history, rateHz);
            OnlineRegressor r = Learners.create(spec, new LearnerContext(dim, spec.history, 100, 7));
            double[] out = new double[dim];
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
            steps.put(spec.name, (now - t0) / (double) n);
        }
        return new ComputeBound(steps, horizons);
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
