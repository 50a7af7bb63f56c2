package io.tidecast.operators.decide;

import io.tidecast.records.DecisionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** What the router knows about one requestId: the key of its request, and feedback that came before the request. */
final class RouteState {
    /** Null until the request has been seen. */
    String key;
    long requestTs;
    final List<DecisionEvent> waiting = new ArrayList<>(1);

    static final class Serializer extends VersionedSerializer<RouteState> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        static final int VERSION = 1;

        @Override
        public RouteState createInstance() {
            return new RouteState();
        }

        @Override
        void write(RouteState s, DataOutputView out) throws IOException {
            out.writeInt(VERSION);
            writeNullableString(out, s.key);
            out.writeLong(s.requestTs);
            out.writeInt(s.waiting.size());
            for (DecisionEvent e : s.waiting) writeEvent(out, e);
        }

        @Override
        RouteState read(DataInputView in) throws IOException {
            readVersion(in, "route", VERSION);
            RouteState s = new RouteState();
            s.key = readNullableString(in);
            s.requestTs = in.readLong();
            int n = in.readInt();
            if (n < 0 || n > 1 << 20) throw new IOException("corrupt route state: " + n + " waiting events");
            for (int i = 0; i < n; i++) s.waiting.add(readEvent(in));
            return s;
        }

        @Override
        public TypeSerializerSnapshot<RouteState> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RouteState> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
