package io.tidecast.operators.groupwise;

import io.tidecast.learners.groupwise.GroupwiseStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for a key's {@link GroupwiseStream}: its own versioned binary format, no Kryo. */
public final class GroupwiseStreamSerializer extends TypeSerializerSingleton<GroupwiseStream> {
    private static final long serialVersionUID = 1L;
    public static final GroupwiseStreamSerializer INSTANCE = new GroupwiseStreamSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public GroupwiseStream createInstance() {
        return null;
    }

    @Override
    public GroupwiseStream copy(GroupwiseStream from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(4096);
            from.write(out);
            return GroupwiseStream.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy groupwise state", e);
        }
    }

    @Override
    public GroupwiseStream copy(GroupwiseStream from, GroupwiseStream reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(GroupwiseStream record, DataOutputView target) throws IOException {
        record.write(target);
    }

    @Override
    public GroupwiseStream deserialize(DataInputView source) throws IOException {
        return GroupwiseStream.read(source);
    }

    @Override
    public GroupwiseStream deserialize(GroupwiseStream reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<GroupwiseStream> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupwiseStream> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
