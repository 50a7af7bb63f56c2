package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Double arrays in the bytes {@link DataOutput#writeDouble} writes element by element (big-endian
 * {@link Double#doubleToLongBits}, so every NaN is written as the canonical NaN), but encoded into a scratch array and
 * handed over in one {@link DataOutput#write(byte[], int, int)} per chunk: a checkpoint stream or an in-memory buffer
 * then bounds-checks and copies once per chunk instead of once per element. Reading is the mirror image.
 */
public final class BulkDoubles {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Doubles per write: 64 KB of scratch per thread, whatever the array's length. */
    static final int CHUNK = 8192;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8 * CHUNK]);

    private BulkDoubles() {}

    public static void write(DataOutput out, double[] a) throws IOException {
        write(out, a, 0, a.length);
    }

    /** Writes {@code a[from .. from + len)}: the bytes of {@code len} calls of {@code out.writeDouble}. */
    public static void write(DataOutput out, double[] a, int from, int len) throws IOException {
        byte[] buf = SCRATCH.get();
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK, len - done);
            for (int i = 0; i < n; i++) LONGS.set(buf, 8 * i, Double.doubleToLongBits(a[from + done + i]));
            out.write(buf, 0, 8 * n);
            done += n;
        }
    }

    /** Writes {@code a[0], b[0], a[1], b[1], ...} for {@code n} pairs: the bytes of alternating {@code writeDouble} calls. */
    public static void writeInterleaved(DataOutput out, double[] a, double[] b, int n) throws IOException {
        byte[] buf = SCRATCH.get();
        int pairs = CHUNK / 2;
        for (int done = 0; done < n; ) {
            int k = Math.min(pairs, n - done);
            for (int i = 0; i < k; i++) {
                LONGS.set(buf, 16 * i, Double.doubleToLongBits(a[done + i]));
                LONGS.set(buf, 16 * i + 8, Double.doubleToLongBits(b[done + i]));
            }
            out.write(buf, 0, 16 * k);
            done += k;
        }
    }

    /** Reads {@code len} doubles written by {@link #write} (or by {@code writeDouble}) into {@code a[from ..]}. */
    public static void read(DataInput in, double[] a, int from, int len) throws IOException {
        byte[] buf = SCRATCH.get();
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK, len - done);
            in.readFully(buf, 0, 8 * n);
            for (int i = 0; i < n; i++) a[from + done + i] = Double.longBitsToDouble((long) LONGS.get(buf, 8 * i));
            done += n;
        }
    }

    public static void read(DataInput in, double[] a) throws IOException {
        read(in, a, 0, a.length);
    }

    /** Reads {@code n} pairs written by {@link #writeInterleaved}. */
    public static void readInterleaved(DataInput in, double[] a, double[] b, int n) throws IOException {
        byte[] buf = SCRATCH.get();
        int pairs = CHUNK / 2;
        for (int done = 0; done < n; ) {
            int k = Math.min(pairs, n - done);
            in.readFully(buf, 0, 16 * k);
            for (int i = 0; i < k; i++) {
                a[done + i] = Double.longBitsToDouble((long) LONGS.get(buf, 16 * i));
                b[done + i] = Double.longBitsToDouble((long) LONGS.get(buf, 16 * i + 8));
            }
            done += k;
        }
    }
}
