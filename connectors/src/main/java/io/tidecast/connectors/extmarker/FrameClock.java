package io.tidecast.connectors.extmarker;

/**
 * Timestamps of ExtMarker rows, with the repair of mangled ones.
 *
 * <p>The camera counts frames at 60 Hz and the Timestamp column (ms since the recording start) is
 * {@code round(frame * 1000 / 60)} on every well-formed row of the 27 shipped files. The gap-fill rows carry
 * mangled timestamps instead: {@code frame / 30} written in seconds ({@code 25,6}, {@code 45,0666666666667},
 * and once the whole number {@code 2}), far in the past of their neighbours. The rule, applied per row in file
 * order:
 * <ol>
 *   <li>keep the Timestamp when it is a whole number (plain or {@code 1e+05} notation) within
 *       {@value #TOLERANCE_MS} ms of the frame clock;</li>
 *   <li>otherwise replace it by the frame clock {@code round(frame * 1000 / 60)} (which is exactly what the
 *       well-formed rows hold);</li>
 *   <li>if the result is still not strictly after the previous row's, use the previous timestamp plus the
 *       nominal {@value #NOMINAL_STEP_MS} ms step (never needed on the shipped files; it guarantees the strictly
 *       increasing timestamps the pipeline requires on any input).</li>
 * </ol>
 * Not thread-safe; one instance per file or recording.
 */
final class FrameClock {
    static final double FRAMES_PER_SECOND = 60.0;
    static final long NOMINAL_STEP_MS = 100;
    static final long TOLERANCE_MS = 50;

    private long previous = Long.MIN_VALUE;
    private int repairs;

    /** The repaired, strictly increasing timestamp (ms since the recording start) of the next row. */
    long next(long frame, String timestampText) {
        long ts;
        long clock = frameMillis(frame);
        Long written = wholeMillis(timestampText);
        if (written != null && Math.abs(written - clock) <= TOLERANCE_MS) {
            ts = written;
        } else {
            ts = clock;
            repairs++;
        }
        if (previous != Long.MIN_VALUE && ts <= previous) {
            ts = previous + NOMINAL_STEP_MS;
            repairs++;
        }
        previous = ts;
        return ts;
    }

    int repairs() {
        return repairs;
    }

    static long frameMillis(long frame) {
        return Math.round(frame * 1000 / FRAMES_PER_SECOND);
    }

    /** The Timestamp as whole milliseconds, or null when it is not a whole number (e.g. {@code 25,6}). */
    private static Long wholeMillis(String text) {
        double v;
        try {
            v = MarkerFile.decimalComma(text);
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15 ? (long) v : null;
    }
}
