package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.learners.Learners;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** What a restore of an older, the same, or a newer release's key state says about compatibility. */
class KeyStateSerializerSnapshotTest {

    static TypeSerializerSnapshot<KeyState> roundTrip(TypeSerializerSnapshot<KeyState> s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), KeyState.class.getClassLoader());
    }

    @Test
    void theSameReleaseIsCompatibleAsIs() throws Exception {
        var restored = (KeyStateSerializer.Snapshot) roundTrip(KeyStateSerializer.INSTANCE.snapshotConfiguration());
        assertThat(restored.keyStateVersion()).isEqualTo(KeyState.VERSION);
        assertThat(restored.learnerEnvelopeVersion()).isEqualTo(Learners.FORMAT_VERSION);
        assertThat(new KeyStateSerializer.Snapshot().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    void aSnapshotOfTheFirstReleaseWhichWroteNothingReadsAsFormatOne() throws Exception {
        // the first release used Flink's SimpleTypeSerializerSnapshot (snapshot format 3, no payload) under this class name
        var first = new KeyStateSerializer.Snapshot();
        first.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());
        assertThat(first.keyStateVersion()).isEqualTo(1);
        assertThat(new KeyStateSerializer.Snapshot().resolveSchemaCompatibility(first).isCompatibleAsIs()).isTrue();
        assertThat(new SimpleTypeSerializerSnapshot<KeyState>(() -> KeyStateSerializer.INSTANCE) {}.getCurrentVersion()).isEqualTo(3);
    }

    @Test
    void aNewerReleasesStateIsIncompatibleNotMisread() {
        var newer = new KeyStateSerializer.Snapshot(KeyState.VERSION + 1, Learners.FORMAT_VERSION);
        assertThat(new KeyStateSerializer.Snapshot().resolveSchemaCompatibility(newer).isIncompatible()).isTrue();
        var newerLearners = new KeyStateSerializer.Snapshot(KeyState.VERSION, Learners.FORMAT_VERSION + 1);
        assertThat(new KeyStateSerializer.Snapshot().resolveSchemaCompatibility(newerLearners).isIncompatible()).isTrue();
    }
}
