package io.tidecast.operators;

import io.tidecast.learners.Learners;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the serialised bytes of one key's state go: the same writes as {@link KeyState#write}, counted per part, so
 * the per-key state figure of {@code bench pipeline} can be explained and its largest parts attacked.
 */
public final class KeyStateSizes {
    private KeyStateSizes() {}

    /** Bytes per part, in a stable order; the values sum to {@link KeyState#sizeInBytes()}. */
    public static Map<String, Long> of(KeyState st) {
        Map<String, Long> parts = new LinkedHashMap<>();
        try {
            Counter all = new Counter();
            st.write(all.out);
            long total = all.out.size();
            Counter c = new Counter();
            st.history.write(c.out);
            add(parts, "history ring", c.take());
            if (st.tracks != null) {
                for (Track t : st.tracks) {
                    if (t.learner != null) {
                        Learners.write(t.learner, c.out);
                        add(parts, "learner " + t.model + " (all horizons)", c.take());
                    }
                    for (double v : t.pending) c.out.writeDouble(v);
                    for (double v : t.previous) c.out.writeDouble(v);
                    add(parts, "pending forecasts", c.take());
                    t.errors.write(c.out);
                    add(parts, "metrics windows", c.take());
                }
            }
            if (st.ensembles != null) {
                for (Ensemble e : st.ensembles) {
                    e.write(c.out);
                    add(parts, "ensembles", c.take());
                }
            }
            if (st.covariances != null) {
                for (SharedCovariance s : st.covariances) {
                    s.covariance.write(c.out);
                    add(parts, "RLS covariance " + s.model + " (shared)", c.take());
                    for (double[] g : s.gains) for (double v : g) c.out.writeDouble(v);
                    add(parts, "RLS gains " + s.model + " (shared)", c.take());
                }
            }
            if (st.targets != null) {
                for (var t : st.targets) {
                    t.write(c.out);
                    add(parts, "metrics target moments (per horizon)", c.take());
                }
            }
            if (st.networks != null) {
                for (SharedNetwork n : st.networks) {
                    n.write(c.out);
                    add(parts, "network " + n.model + " (shared by the horizons)", c.take());
                }
            }
            long counted = parts.values().stream().mapToLong(Long::longValue).sum();
            parts.put("other (headers, names, standardisation, counters)", total - counted);
            return parts;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(Map<String, Long> parts, String name, long bytes) {
        parts.merge(name, bytes, Long::sum);
    }

    private static final class Counter {
        final DataOutputStream out = new DataOutputStream(OutputStream.nullOutputStream());
        private long mark;

        long take() {
            long n = out.size() - mark;
            mark = out.size();
            return n;
        }
    }
}
