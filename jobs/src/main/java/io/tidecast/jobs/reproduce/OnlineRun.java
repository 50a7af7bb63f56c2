package io.tidecast.jobs.reproduce;

import io.tidecast.learners.metrics.ErrorStats;
import io.tidecast.learners.metrics.PointLayout;

/**
 * One run of one model over one series (reference §2.2–2.3): pairs j = 1..M with input u_j = [1; s_j..s_{j+k-1}]
 * (time-major, model units) and target y_j = s_{j+k+h-1}; the forecast for pair j is placed at time j+k+h−1 and
 * scored, back in mm, when that time lies in the window. The series is used up to {@code end} only (validation runs
 * stop at the end of the first minute).
 */
public final class OnlineRun {
    /** ExtMarker: 3 markers × (x, y, z), coordinate-major. */
    static final PointLayout MARKERS = new PointLayout(3, 3);

    /** Sees every update with the time of its target and the newest sample time the stream has delivered. */
    public interface LearnAudit {
        void learned(int targetTime, int now);
    }

    private final MarkerSeries raw;
    private final double[] model;
    private final Scaling scaling;

    /** @param scaling how the model's units relate to mm ({@link Scaling#identity()} for OLS) */
    public OnlineRun(MarkerSeries raw, Scaling scaling) {
        this.raw = raw;
        this.scaling = scaling;
        this.model = scaling.apply(raw);
    }

    public MarkerSeries series() {
        return raw;
    }

    /** The series in model units (time-major) and the scaling that maps them back to mm. */
    double[] units() {
        return model;
    }

    Scaling scaling() {
        return scaling;
    }

    /** Sees every scored forecast, in mm, with the time it is for. */
    public interface Trace {
        void forecast(int time, double[] valuesMm);
    }

    public RunMetrics run(StepModel m, Protocol protocol, int k, int h, int end, int windowStart, int windowEnd, LearnAudit audit) {
        return run(m, protocol, k, h, end, windowStart, windowEnd, audit, null);
    }

    public RunMetrics run(StepModel m, Protocol protocol, int k, int h, int end, int windowStart, int windowEnd, LearnAudit audit,
                          Trace trace) {
        final int d = MarkerSeries.DIM;
        int pairs = end - k - h + 1;
        if (windowStart < k + h) throw new IllegalArgumentException("the window starts before the first forecast (time " + (k + h) + ")");
        double[] u = new double[1 + d * k];
        double[] y = new double[d];
        double[] out = new double[d];
        double[] prev = new double[d];
        double[] target = new double[d];
        ErrorStats stats = new ErrorStats(MARKERS);
        boolean havePrev = false;
        long nanos = 0;
        long timed = 0;
        for (int j = 1; j <= pairs; j++) {
            int t = j + k + h - 1; // time the forecast of pair j is for
            int now = j + k - 1;   // newest sample in the window of pair j
            boolean scored = t >= windowStart && t <= windowEnd;
            long t0 = System.nanoTime();
            if (protocol == Protocol.PAPER) {
                window(u, j, k);
                target(y, j + k + h - 1);
                m.predictThenLearn(u, y, out);
                if (audit != null) audit.learned(t, now);
            } else {
                if (j > h) { // pair j−h's target is s_now, which has just arrived
                    window(u, j - h, k);
                    target(y, now);
                    m.learn(u, y);
                    if (audit != null) audit.learned(now, now);
                }
                window(u, j, k);
                m.predict(u, out);
            }
            if (!scored) continue;
            nanos += System.nanoTime() - t0;
            timed++;
            scaling.invert(out);
            if (trace != null) trace.forecast(t, out.clone());
            for (int c = 0; c < d; c++) target[c] = raw.at(t, c);
            stats.add(target, out, havePrev ? prev : null);
            System.arraycopy(out, 0, prev, 0, d);
            havePrev = true;
        }
        return RunMetrics.of(stats, timed == 0 ? Double.NaN : (double) nanos / timed);
    }

    private void window(double[] u, int j, int k) {
        u[0] = 1.0;
        System.arraycopy(model, (j - 1) * MarkerSeries.DIM, u, 1, k * MarkerSeries.DIM);
    }

    private void target(double[] y, int time) {
        System.arraycopy(model, (time - 1) * MarkerSeries.DIM, y, 0, MarkerSeries.DIM);
    }
}
