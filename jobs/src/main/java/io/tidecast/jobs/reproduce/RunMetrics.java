package io.tidecast.jobs.reproduce;

import io.tidecast.learners.metrics.ErrorStats;

/**
 * The published metrics of one run over its scoring window (reference §3), errors in mm, plus the mean wall time
 * of one step (predict + update) in ns.
 */
public record RunMetrics(double nrmse, double rmse, double mae, double maxError, double jitter, double nanosPerStep) {

    static RunMetrics of(ErrorStats s, double nanosPerStep) {
        return new RunMetrics(s.nrmse(), s.rmse(), s.mae(), s.maxError(), s.jitter(), nanosPerStep);
    }

    /** A run diverged when any error is not a finite number; such runs are dropped from means (§2.5). */
    public boolean diverged() {
        return !(Double.isFinite(nrmse) && Double.isFinite(rmse) && Double.isFinite(mae) && Double.isFinite(maxError)
                && Double.isFinite(jitter));
    }

    double get(int metric) {
        return switch (metric) {
            case 0 -> nrmse;
            case 1 -> rmse;
            case 2 -> mae;
            case 3 -> maxError;
            case 4 -> jitter;
            case 5 -> nanosPerStep;
            default -> throw new IllegalArgumentException("metric " + metric);
        };
    }

    static final String[] NAMES = {"nRMSE", "RMSE", "MAE", "max", "jitter", "ns/step"};
    static final int COUNT = 6;
}
