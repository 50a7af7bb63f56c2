package io.tidecast.operators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import io.tidecast.learners.Learners;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
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
    /**
     * One reused scratch buffer per thread (the serializer is a shared singleton), for snapshots and for the parts a
     * copy takes through their binary format: a fresh 4 KB buffer grew ~5 times per 100 KB state, and a checkpoint's
     * stream wrapper took each double as its own 8-byte write.
     */
    private static final ThreadLocal<DataOutputSerializer> SCRATCH = ThreadLocal.withInitial(() -> new DataOutputSerializer(64 * 1024));
    /** A scratch buffer grown past this (a very large state) is dropped after use rather than kept per thread. */
    private static final int KEEP_SCRATCH_BYTES = 16 << 20;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public KeyState createInstance() {
        return new KeyState();
    }

    /** A direct deep copy ({@link KeyState#copy}): a serialize and deserialize round trip cost several times more. */
    @Override
    public KeyState copy(KeyState from) {
        return from.copy();
    }

    interface PartWriter {
        void write(DataOutput out) throws IOException;
    }

    interface PartReader<T> {
        T read(DataInput in) throws IOException;
    }

    /** A copy of a part of the key state through its binary format, for parts without a direct copy. */
    static <T> T copyThroughBytes(PartWriter writer, PartReader<T> reader) {
        try {
            DataOutputSerializer out = SCRATCH.get();
            out.clear();
            writer.write(out);
            T copy = reader.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            release(out);
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy key state", e);
        }
    }

    private static DataOutputSerializer written(KeyState state) throws IOException {
        DataOutputSerializer out = SCRATCH.get();
        out.clear();
        state.write(out);
        return out;
    }

    private static void release(DataOutputSerializer out) {
        if (out.getSharedBuffer().length > KEEP_SCRATCH_BYTES) SCRATCH.remove();
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
        if (target instanceof DataOutputSerializer) {
            record.write(target); // already an in-memory buffer (RocksDB, network)
            return;
        }
        DataOutputSerializer out = written(record); // a checkpoint stream: one bulk write instead of one per field
        target.write(out.getSharedBuffer(), 0, out.length());
        release(out);
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

    /**
     * What a checkpoint records about this serializer, and the compatibility rule when a newer release restores it.
     * The key state carries its own format version in every value ({@link KeyState#VERSION}, and per learner the
     * {@link Learners#FORMAT_VERSION} envelope and each kind's state version), and this release reads every older
     * version in place: so a snapshot from an older or the same release is {@code compatibleAsIs} (no migration pass
     * is needed, not even on RocksDB, where old values are rewritten in the new format as keys are updated), and one
     * from a newer release is {@code incompatible} (a downgrade cannot read formats it does not know) — Flink then
     * fails the restore with the versions named, instead of failing on the first key.
     *
     * <p>Snapshot format 3 is Flink's {@code SimpleTypeSerializerSnapshot} (it wrote nothing; such snapshots are from
     * key state format 1 and learner envelope 1); format 4 writes the two versions.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<KeyState> {
        private static final int CURRENT = 4;
        private int keyStateVersion = KeyState.VERSION;
        private int learnerEnvelopeVersion = Learners.FORMAT_VERSION;

        public Snapshot() {}

        Snapshot(int keyStateVersion, int learnerEnvelopeVersion) {
            this.keyStateVersion = keyStateVersion;
            this.learnerEnvelopeVersion = learnerEnvelopeVersion;
        }

        @Override
        public int getCurrentVersion() {
            return CURRENT;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(keyStateVersion);
            out.writeInt(learnerEnvelopeVersion);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            if (readVersion <= 3) {
                keyStateVersion = 1;
                learnerEnvelopeVersion = 1;
            } else {
                keyStateVersion = in.readInt();
                learnerEnvelopeVersion = in.readInt();
            }
        }

        @Override
        public TypeSerializer<KeyState> restoreSerializer() {
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<KeyState> resolveSchemaCompatibility(TypeSerializerSnapshot<KeyState> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) return TypeSerializerSchemaCompatibility.incompatible();
            return old.keyStateVersion <= KeyState.VERSION && old.learnerEnvelopeVersion <= Learners.FORMAT_VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }

        int keyStateVersion() {
            return keyStateVersion;
        }

        int learnerEnvelopeVersion() {
            return learnerEnvelopeVersion;
        }
    }
}
