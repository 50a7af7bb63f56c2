package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of learner kinds: creates learners from a {@link LearnerSpec} and reads and writes their
 * state in one versioned binary format: {@code kind (UTF), format version (int), kind-specific state}.
 */
public final class Learners {
    /** Version of the envelope written by {@link #write}; bump it when the envelope (not a learner) changes. */
    public static final int FORMAT_VERSION = 1;

    /** How one kind of learner is made and restored. */
    public interface Kind {
        OnlineRegressor create(LearnerSpec spec, LearnerContext ctx);

        OnlineRegressor read(DataInput in) throws IOException;
    }

    /**
     * Replaced whole on {@link #register}, so a lookup takes no lock: every task thread reads learners on restore and on
     * the heap backend's copy-on-write of kinds without a direct copy, all at once after each checkpoint.
     */
    private static volatile Map<String, Kind> KINDS = Map.of();

    static {
        register("last", new Kind() {
            public OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
                return new LastValue(ctx.outputDim(), ctx.history());
            }

            public OnlineRegressor read(DataInput in) throws IOException {
                return LastValue.read(in);
            }
        });
        register(Lms.KIND, kind(Lms::create, Lms::read));
        register(Nlms.KIND, kind(Nlms::create, Nlms::read));
        register(Rls.KIND, kind(Rls::create, Rls::read));
        register(Ridge.KIND, kind(Ridge::create, Ridge::read));
        register(WarmupOls.KIND, kind(WarmupOls::create, WarmupOls::read));
        register(KernelSvr.KIND, kind(KernelSvr::create, KernelSvr::read));
        io.tidecast.learners.rnn.RnnLearners.kinds().forEach(Learners::register);
    }

    private interface Creator {
        OnlineRegressor create(LearnerSpec spec, LearnerContext ctx);
    }

    private interface Reader {
        OnlineRegressor read(DataInput in) throws IOException;
    }

    private static Kind kind(Creator creator, Reader reader) {
        return new Kind() {
            public OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
                return creator.create(spec, ctx);
            }

            public OnlineRegressor read(DataInput in) throws IOException {
                return reader.read(in);
            }
        };
    }

    private Learners() {}

    public static synchronized void register(String kind, Kind k) {
        Map<String, Kind> next = new TreeMap<>(KINDS);
        next.put(kind, k);
        KINDS = java.util.Collections.unmodifiableMap(next);
    }

    public static Set<String> kinds() {
        return Set.copyOf(KINDS.keySet());
    }

    public static OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
        return kind(spec.kind).create(spec, ctx);
    }

    public static void write(OnlineRegressor learner, DataOutput out) throws IOException {
        out.writeUTF(learner.kind());
        out.writeInt(FORMAT_VERSION);
        learner.writeState(out);
    }

    public static OnlineRegressor read(DataInput in) throws IOException {
        String kind = in.readUTF();
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("learner state format " + version + " is not supported (this release reads 1.." + FORMAT_VERSION + ")");
        }
        return kind(kind).read(in);
    }

    private static Kind kind(String kind) {
        Map<String, Kind> kinds = KINDS;
        Kind k = kinds.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown learner kind '" + kind + "'; known kinds: " + KINDS.keySet());
        }
        return k;
    }
}
