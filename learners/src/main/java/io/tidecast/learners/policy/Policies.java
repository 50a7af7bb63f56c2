package io.tidecast.learners.policy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of policy kinds: creates policies from a {@link PolicySpec} and reads and writes their state in
 * one versioned binary format: {@code kind (UTF), format version (int), kind-specific state} (which starts with
 * the kind's own version int).
 */
public final class Policies {
    /** Version of the envelope written by {@link #write}; bump it when the envelope (not a policy) changes. */
    public static final int FORMAT_VERSION = 1;

    /** How one kind of policy is made and restored. */
    public interface Kind {
        Policy create(PolicySpec spec);

        Policy read(DataInput in) throws IOException;
    }

    private interface Creator {
        Policy create(PolicySpec spec);
    }

    private interface Reader {
        Policy read(DataInput in) throws IOException;
    }

    private static final Map<String, Kind> KINDS = new TreeMap<>();

    static {
        register(Hedge.KIND, kind(Hedge::create, Hedge::read));
        register(AdaNormalHedge.KIND, kind(AdaNormalHedge::create, AdaNormalHedge::read));
        register(Exp3.KIND, kind(Exp3::create, Exp3::read));
        register(TsallisInf.KIND, kind(TsallisInf::create, TsallisInf::read));
        register(TsallisInfBinned.KIND, kind(TsallisInfBinned::create, TsallisInfBinned::read));
        register(SquareCb.KIND, kind(SquareCb::create, SquareCb::read));
    }

    private static Kind kind(Creator creator, Reader reader) {
        return new Kind() {
            public Policy create(PolicySpec spec) {
                return creator.create(spec);
            }

            public Policy read(DataInput in) throws IOException {
                return reader.read(in);
            }
        };
    }

    private Policies() {}

    public static synchronized void register(String kind, Kind k) {
        KINDS.put(kind, k);
    }

    public static synchronized Set<String> kinds() {
        return Set.copyOf(KINDS.keySet());
    }

    public static Policy create(PolicySpec spec) {
        return kind(spec.kind).create(spec);
    }

    public static ExpertPolicy createExpert(PolicySpec spec) {
        return cast(create(spec), ExpertPolicy.class);
    }

    public static BanditPolicy createBandit(PolicySpec spec) {
        return cast(create(spec), BanditPolicy.class);
    }

    public static ContextualBanditPolicy createContextual(PolicySpec spec) {
        return cast(create(spec), ContextualBanditPolicy.class);
    }

    private static <T extends Policy> T cast(Policy p, Class<T> type) {
        if (!type.isInstance(p)) {
            throw new IllegalArgumentException("policy kind '" + p.kind() + "' is not a " + type.getSimpleName());
        }
        return type.cast(p);
    }

    public static void write(Policy policy, DataOutput out) throws IOException {
        out.writeUTF(policy.kind());
        out.writeInt(FORMAT_VERSION);
        policy.writeState(out);
    }

    public static Policy read(DataInput in) throws IOException {
        String kind = in.readUTF();
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("policy state format " + version + " is not supported (expected " + FORMAT_VERSION + ")");
        }
        return kind(kind).read(in);
    }

    private static synchronized Kind kind(String kind) {
        Kind k = KINDS.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown policy kind '" + kind + "'; known kinds: " + KINDS.keySet());
        }
        return k;
    }
}
