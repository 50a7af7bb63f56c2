package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Bulk, bit-exact (raw IEEE 754 bits, big-endian) reading and writing of double arrays. */
final class StateIO {
    private static final int CHUNK = 1024; // doubles per write

    private StateIO() {}

    static void writeDoubles(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[8 * Math.min(CHUNK, Math.max(1, a.length))];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < a.length; from += CHUNK) {
            int len = Math.min(CHUNK, a.length - from);
            bb.clear();
            bb.asDoubleBuffer().put(a, from, len);
            out.write(buf, 0, 8 * len);
        }
    }

    /** Reads an array written by {@link #writeDoubles} into {@code a}, whose length must match. */
    static void readDoubles(DataInput in, double[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException("corrupt RNN state: array of length " + n + " where " + a.length + " was expected");
        }
        byte[] buf = new byte[8 * Math.min(CHUNK, Math.max(1, n))];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            in.readFully(buf, 0, 8 * len);
            bb.clear();
            bb.asDoubleBuffer().get(a, from, len);
        }
    }

    /** The rows of a matrix, written exactly as {@link #writeDoubles} writes their row-major concatenation. */
    static void writeRows(DataOutput out, double[][] rows) throws IOException {
        int len = 0;
        for (double[] r : rows) len = Math.addExact(len, r.length);
        out.writeInt(len);
        byte[] buf = new byte[8 * Math.min(CHUNK, Math.max(1, len))];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        for (double[] r : rows) {
            for (int from = 0; from < r.length; from += CHUNK) {
                int n = Math.min(CHUNK, r.length - from);
                bb.clear();
                bb.asDoubleBuffer().put(r, from, n);
                out.write(buf, 0, 8 * n);
            }
        }
    }

    /** Reads rows written by {@link #writeRows} (or their concatenation by {@link #writeDoubles}) into {@code rows}. */
    static void readRows(DataInput in, double[][] rows) throws IOException {
        int n = in.readInt();
        int len = 0;
        for (double[] r : rows) len += r.length;
        if (n != len) {
            throw new IOException("corrupt RNN state: array of length " + n + " where " + len + " was expected");
        }
        byte[] buf = new byte[8 * Math.min(CHUNK, Math.max(1, len))];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        for (double[] r : rows) {
            for (int from = 0; from < r.length; from += CHUNK) {
                int k = Math.min(CHUNK, r.length - from);
                in.readFully(buf, 0, 8 * k);
                bb.clear();
                bb.asDoubleBuffer().get(r, from, k);
            }
        }
    }

    static void writeBytes(DataOutput out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 20)) throw new IOException("corrupt RNN state: byte block of length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
