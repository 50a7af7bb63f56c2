package io.tidecast.operators;

import io.tidecast.learners.BulkDoubles;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The last {@code capacity} sample vectors of a key, addressed by the key's sample index. */
final class HistoryRing {
    final int dim;
    int capacity;
    double[] data;
    /**
     * The same samples standardised with the key's frozen mean and std, slot for slot as {@link #data}, up to sample
     * {@link #standardisedNewest}: derived, never written, rebuilt after a restore. Each sample is standardised once
     * instead of once per window that holds it (a window of 12 samples is read by every horizon's learning and by the
     * forecasts: ~400 divisions per sample instead of 9 for LMS).
     */
    private double[] standardised;
    private long standardisedNewest = Long.MIN_VALUE;

    HistoryRing(int dim, int capacity) {
        this.dim = dim;
        this.capacity = capacity;
        this.data = new double[dim * capacity];
    }

    void put(long index, double[] values) {
        System.arraycopy(values, 0, data, slot(index), dim);
    }

    double get(long index, int c) {
        return data[slot(index) + c];
    }

    void copy(long index, double[] out) {
        System.arraycopy(data, slot(index), out, 0, dim);
    }

    /** Where sample {@code index} starts in {@link #data}: one modulo per sample, not one per coordinate. */
    int slot(long index) {
        return (int) (index % capacity) * dim;
    }

    /**
     * The ring standardised as {@code (value - mean) / std} (the same expression, so the same doubles, as standardising
     * a window's values where it is read), holding samples up to {@code newest}, the newest sample put.
     */
    double[] standardised(long newest, double[] mean, double[] std) {
        if (standardised == null || standardised.length != data.length) {
            standardised = new double[data.length];
            standardisedNewest = Long.MIN_VALUE;
        }
        if (standardisedNewest != newest) {
            long from = Math.max(0, newest - capacity + 1);
            if (standardisedNewest != Long.MIN_VALUE && standardisedNewest < newest) from = Math.max(from, standardisedNewest + 1);
            for (long s = from; s <= newest; s++) {
                int at = slot(s);
                for (int c = 0; c < dim; c++) standardised[at + c] = (data[at + c] - mean[c]) / std[c];
            }
            standardisedNewest = newest;
        }
        return standardised;
    }

    /** Keeps the samples up to {@code newest} that fit in a new capacity (the warm-up buffer shrinks after use). */
    void resize(int newCapacity, long newest) {
        double[] next = new double[dim * newCapacity];
        for (long i = Math.max(0, newest - Math.min(capacity, newCapacity) + 1); i <= newest; i++) {
            System.arraycopy(data, slot(i), next, (int) (i % newCapacity) * dim, dim);
        }
        capacity = newCapacity;
        data = next;
        standardised = null;
    }

    HistoryRing copy() {
        HistoryRing r = new HistoryRing(dim, 0);
        r.capacity = capacity;
        r.data = data.clone();
        if (standardised != null) {
            r.standardised = standardised.clone();
            r.standardisedNewest = standardisedNewest;
        }
        return r;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(capacity);
        BulkDoubles.write(out, data);
    }

    static HistoryRing read(DataInput in, int dim) throws IOException {
        HistoryRing r = new HistoryRing(dim, in.readInt());
        BulkDoubles.read(in, r.data, 0, r.data.length);
        return r;
    }
}
