package io.tidecast.operators.decide;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One decision of a key, kept until its cost arrives and for a while after (to recognise late and repeated costs). */
final class Round {
    static final byte OPEN = 0;
    static final byte ANSWERED = 1;
    static final byte EXPIRED = 2;

    long ts;
    int arm;
    double probability;
    double[] context;
    byte status;

    Round() {}

    Round(long ts, int arm, double probability, double[] context) {
        this.ts = ts;
        this.arm = arm;
        this.probability = probability;
        this.context = context;
        this.status = OPEN;
    }

    static final class Serializer extends VersionedSerializer<Round> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        static final int VERSION = 1;

        @Override
        public Round createInstance() {
            return new Round();
        }

        @Override
        void write(Round r, DataOutputView out) throws IOException {
            out.writeInt(VERSION);
            out.writeLong(r.ts);
            out.writeInt(r.arm);
            out.writeDouble(r.probability);
            writeNullableDoubles(out, r.context);
            out.writeByte(r.status);
        }

        @Override
        Round read(DataInputView in) throws IOException {
            readVersion(in, "round", VERSION);
            Round r = new Round();
            r.ts = in.readLong();
            r.arm = in.readInt();
            r.probability = in.readDouble();
            r.context = readNullableDoubles(in);
            r.status = in.readByte();
            if (r.status < OPEN || r.status > EXPIRED) throw new IOException("corrupt round status " + r.status);
            return r;
        }

        @Override
        public TypeSerializerSnapshot<Round> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Round> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
