package io.tidecast.operators.decide;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer for a state class with its own binary format, which starts with a version int so that a newer
 * release can read an older checkpoint (no Kryo, no Java serialization).
 */
abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    abstract void write(T value, DataOutputView out) throws IOException;

    abstract T read(DataInputView in) throws IOException;

    static int readVersion(DataInputView in, String what, int newest) throws IOException {
        int v = in.readInt();
        if (v < 1 || v > newest) throw new IOException(what + " state version " + v + " is not supported (this release reads 1.." + newest + ")");
        return v;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            write(from, out);
            return read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy state", e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    static void writeNullableString(DataOutputView out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeNullableDoubles(DataOutputView out, double[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) for (double v : a) out.writeDouble(v);
    }

    static double[] readNullableDoubles(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > 1 << 20) throw new IOException("corrupt array length " + n);
        if (n == -1) return null;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        return a;
    }

    static void writeEvent(DataOutputView out, io.tidecast.records.DecisionEvent e) throws IOException {
        out.writeByte(e.kind);
        writeNullableString(out, e.key);
        out.writeUTF(e.requestId);
        out.writeLong(e.ts);
        writeNullableDoubles(out, e.context);
        out.writeDouble(e.cost);
        out.writeBoolean(e.origin != null);
        if (e.origin != null) {
            writeNullableString(out, e.origin.topic);
            out.writeInt(e.origin.partition);
            out.writeLong(e.origin.offset);
        }
    }

    static io.tidecast.records.DecisionEvent readEvent(DataInputView in) throws IOException {
        io.tidecast.records.DecisionEvent e = new io.tidecast.records.DecisionEvent();
        e.kind = in.readByte();
        e.key = readNullableString(in);
        e.requestId = in.readUTF();
        e.ts = in.readLong();
        e.context = readNullableDoubles(in);
        e.cost = in.readDouble();
        if (in.readBoolean()) {
            e.origin = new io.tidecast.records.RecordOrigin(readNullableString(in), in.readInt(), in.readLong());
        }
        return e;
    }
}
