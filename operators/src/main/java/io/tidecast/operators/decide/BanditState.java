package io.tidecast.operators.decide;

import io.tidecast.learners.policy.Policies;
import io.tidecast.learners.policy.Policy;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One key's bandit: its policy (with the policy's own seeded random source), cost and regret accounting, and the
 * bookkeeping of the event-time ordering (how far events have been released, whether a latency-cap timer is set).
 */
final class BanditState {
    static final long NONE = Long.MIN_VALUE;

    Policy policy;
    long decisions;
    long count;
    long lost;
    long late;
    long duplicate;
    double cumulativeCost;
    long[] pulls;
    double[] sumCost;
    /** Per arm: sum of cost / probability over the rounds it was played (importance-weighted cumulative cost). */
    double[] iwCost;
    long windowCount;
    double windowCost;
    double[] lastContext;
    /** Events up to this event time have been handled; a later arrival at or before it is handled at once. */
    long released = NONE;
    /** Processing time of the pending latency-cap timer, or {@link #NONE}. */
    long releaseTimer = NONE;

    BanditState() {}

    BanditState(Policy policy) {
        int n = policy.size();
        this.policy = policy;
        this.pulls = new long[n];
        this.sumCost = new double[n];
        this.iwCost = new double[n];
    }

    static final class Serializer extends VersionedSerializer<BanditState> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        static final int VERSION = 1;

        @Override
        public BanditState createInstance() {
            return new BanditState();
        }

        @Override
        void write(BanditState s, DataOutputView out) throws IOException {
            out.writeInt(VERSION);
            Policies.write(s.policy, out);
            out.writeLong(s.decisions);
            out.writeLong(s.count);
            out.writeLong(s.lost);
            out.writeLong(s.late);
            out.writeLong(s.duplicate);
            out.writeDouble(s.cumulativeCost);
            for (int i = 0; i < s.pulls.length; i++) {
                out.writeLong(s.pulls[i]);
                out.writeDouble(s.sumCost[i]);
                out.writeDouble(s.iwCost[i]);
            }
            out.writeLong(s.windowCount);
            out.writeDouble(s.windowCost);
            writeNullableDoubles(out, s.lastContext);
            out.writeLong(s.released);
            out.writeLong(s.releaseTimer);
        }

        @Override
        BanditState read(DataInputView in) throws IOException {
            readVersion(in, "bandit", VERSION);
            BanditState s = new BanditState(Policies.read(in));
            s.decisions = in.readLong();
            s.count = in.readLong();
            s.lost = in.readLong();
            s.late = in.readLong();
            s.duplicate = in.readLong();
            s.cumulativeCost = in.readDouble();
            for (int i = 0; i < s.pulls.length; i++) {
                s.pulls[i] = in.readLong();
                s.sumCost[i] = in.readDouble();
                s.iwCost[i] = in.readDouble();
            }
            s.windowCount = in.readLong();
            s.windowCost = in.readDouble();
            s.lastContext = readNullableDoubles(in);
            s.released = in.readLong();
            s.releaseTimer = in.readLong();
            return s;
        }

        @Override
        public TypeSerializerSnapshot<BanditState> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BanditState> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
