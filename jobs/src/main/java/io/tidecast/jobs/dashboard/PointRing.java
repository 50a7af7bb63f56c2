package io.tidecast.jobs.dashboard;

import java.util.function.Consumer;

/**
 * The newest {@code capacity} points of one chart series: a time and a vector per point, each stamped with the
 * dashboard's global sequence number so a browser can ask for the points it has not seen yet. Fixed memory.
 */
final class PointRing {
    /** One point as handed to readers. */
    record Point(long seq, long ts, double[] values) {}

    private final long[] seq;
    private final long[] ts;
    private final double[][] values;
    private int next;
    private int size;

    PointRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        seq = new long[capacity];
        ts = new long[capacity];
        values = new double[capacity][];
    }

    void add(long sequence, long time, double[] v) {
        seq[next] = sequence;
        ts[next] = time;
        values[next] = v;
        next = (next + 1) % seq.length;
        if (size < seq.length) size++;
    }

    int size() {
        return size;
    }

    /** Points with a sequence number above {@code after}, oldest first. */
    void forEachAfter(long after, Consumer<Point> sink) {
        int start = (next - size + seq.length) % seq.length;
        for (int i = 0; i < size; i++) {
            int j = (start + i) % seq.length;
            if (seq[j] > after) sink.accept(new Point(seq[j], ts[j], values[j]));
        }
    }

    /** The newest point, or null when empty. */
    Point last() {
        if (size == 0) return null;
        int j = (next - 1 + seq.length) % seq.length;
        return new Point(seq[j], ts[j], values[j]);
    }
}
