package io.tidecast.operators.decide;

import io.tidecast.records.DecisionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a key has to do at one event time: requests and costs waiting for the watermark, requests whose feedback
 * timeout ends, and answered or expired requests to forget.
 */
final class Agenda {
    final List<DecisionEvent> events = new ArrayList<>(2);
    final List<String> expiries = new ArrayList<>(1);
    final List<String> forget = new ArrayList<>(1);

    boolean isEmpty() {
        return events.isEmpty() && expiries.isEmpty() && forget.isEmpty();
    }

    static final class Serializer extends VersionedSerializer<Agenda> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        static final int VERSION = 1;

        @Override
        public Agenda createInstance() {
            return new Agenda();
        }

        @Override
        void write(Agenda a, DataOutputView out) throws IOException {
            out.writeInt(VERSION);
            out.writeInt(a.events.size());
            for (DecisionEvent e : a.events) writeEvent(out, e);
            writeStrings(out, a.expiries);
            writeStrings(out, a.forget);
        }

        @Override
        Agenda read(DataInputView in) throws IOException {
            readVersion(in, "agenda", VERSION);
            Agenda a = new Agenda();
            int n = count(in);
            for (int i = 0; i < n; i++) a.events.add(readEvent(in));
            readStrings(in, a.expiries);
            readStrings(in, a.forget);
            return a;
        }

        private static int count(DataInputView in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 24) throw new IOException("corrupt agenda: length " + n);
            return n;
        }

        private static void writeStrings(DataOutputView out, List<String> s) throws IOException {
            out.writeInt(s.size());
            for (String x : s) out.writeUTF(x);
        }

        private static void readStrings(DataInputView in, List<String> into) throws IOException {
            int n = count(in);
            for (int i = 0; i < n; i++) into.add(in.readUTF());
        }

        @Override
        public TypeSerializerSnapshot<Agenda> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Agenda> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
