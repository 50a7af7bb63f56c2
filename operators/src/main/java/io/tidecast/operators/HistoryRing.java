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

    /** Keeps the samples up to {@code newest} that fit in a new capacity (the warm-up buffer shrinks after use). */
    void resize(int newCapacity, long newest) {
        double[] next = new double[dim * newCapacity];
        for (long i = Math.max(0, newest - Math.min(capacity, newCapacity) + 1); i <= newest; i++) {
            System.arraycopy(data, slot(i), next, (int) (i % newCapacity) * dim, dim);
        }
        capacity = newCapacity;
        data = next;
    }

    HistoryRing copy() {
        HistoryRing r = new HistoryRing(dim, 0);
        r.capacity = capacity;
        r.data = data.clone();
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
