package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Double arrays written and read in chunks, byte for byte what {@link DataOutput#writeDouble} and
 * {@link DataInput#readDouble} give one value at a time (big-endian {@link Double#doubleToLongBits}, so every NaN is
 * written as the canonical one). A checkpoint serializes every key's ~15,000 doubles; one {@code writeDouble} call
 * per value (a capacity check and a position update each) cost a third more than filling a chunk and handing it
 * over in one {@code write}, and RocksDB (de)serializes a key's whole state on every access.
 */
public final class BulkDoubles {
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int CHUNK_DOUBLES = 1024;
    /** One chunk per thread: the async snapshot threads and the task threads serialize concurrently. */
    private static final ThreadLocal<byte[]> CHUNK = ThreadLocal.withInitial(() -> new byte[8 * CHUNK_DOUBLES]);

    private BulkDoubles() {}

    public static void write(DataOutput out, double[] a) throws IOException {
        write(out, a, 0, a.length);
    }

    /** Writes {@code a[from .. from + len)}, as {@code len} calls of {@code out.writeDouble} would. */
    public static void write(DataOutput out, double[] a, int from, int len) throws IOException {
        byte[] chunk = CHUNK.get();
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK_DOUBLES, len - done);
            for (int j = 0, i = from + done; j < n; j++, i++) BIG_ENDIAN_LONG.set(chunk, j << 3, Double.doubleToLongBits(a[i]));
            out.write(chunk, 0, n << 3);
            done += n;
        }
    }

    public static double[] read(DataInput in, int n) throws IOException {
        double[] a = new double[n];
        read(in, a, 0, n);
        return a;
    }

    /** Reads {@code len} doubles into {@code a[from ..]}, as {@code len} calls of {@code in.readDouble} would. */
    public static void read(DataInput in, double[] a, int from, int len) throws IOException {
        byte[] chunk = CHUNK.get();
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK_DOUBLES, len - done);
            in.readFully(chunk, 0, n << 3);
            for (int j = 0, i = from + done; j < n; j++, i++) a[i] = Double.longBitsToDouble((long) BIG_ENDIAN_LONG.get(chunk, j << 3));
            done += n;
        }
    }
}
