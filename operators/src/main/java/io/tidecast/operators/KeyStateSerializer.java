package io.tidecast.operators;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link KeyState}: delegates to the state's own versioned binary format, so that
 * checkpoints do not depend on Java or Kryo serialisation and a newer release can read an older format.
 */
public final class KeyStateSerializer extends TypeSerializerSingleton<KeyState> {
    private static final long serialVersionUID = 1L;
    public static final KeyStateSerializer INSTANCE = new KeyStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public KeyState createInstance() {
        return new KeyState();
    }

    @Override
    public KeyState copy(KeyState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(4096);
            from.write(out);
            return KeyState.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy key state", e);
        }
    }

    @Override
    public KeyState copy(KeyState from, KeyState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(KeyState record, DataOutputView target) throws IOException {
        record.write(target);
    }

    @Override
    public KeyState deserialize(DataInputView source) throws IOException {
        return KeyState.read(source);
    }

    @Override
    public KeyState deserialize(KeyState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<KeyState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format itself is versioned inside each serialised state. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KeyState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
