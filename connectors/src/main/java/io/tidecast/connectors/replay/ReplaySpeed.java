package io.tidecast.connectors.replay;

import java.util.Locale;

/** How fast event time is replayed: a factor of real time, or {@link #MAX} (as fast as the producer takes it). */
public final class ReplaySpeed {
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);
    public static final ReplaySpeed REAL_TIME = new ReplaySpeed(1.0);

    private final double factor;

    private ReplaySpeed(double factor) {
        this.factor = factor;
    }

    /** {@code factor} × real time, e.g. 10 replays 10 s of event time per wall-clock second. */
    public static ReplaySpeed factor(double factor) {
        if (!(factor > 0) || Double.isNaN(factor)) {
            throw new IllegalArgumentException("replay speed must be positive: " + factor);
        }
        return Double.isInfinite(factor) ? MAX : new ReplaySpeed(factor);
    }

    /** Parses {@code max}, {@code 10}, {@code 10x} or {@code 0.5} (the CLI form). */
    public static ReplaySpeed parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max") || t.equals("unbounded")) {
            return MAX;
        }
        if (t.endsWith("x")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return factor(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay speed must be 'max' or a positive factor like 10 or 10x: " + text);
        }
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    public double factor() {
        return factor;
    }

    /** Wall-clock nanoseconds after the replay start at which event time {@code relativeMs} is due (0 for MAX). */
    public long dueNanos(long relativeMs) {
        if (isMax() || relativeMs <= 0) {
            return 0;
        }
        double nanos = relativeMs * 1e6 / factor;
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    @Override
    public String toString() {
        return isMax() ? "max" : factor + "x";
    }
}
