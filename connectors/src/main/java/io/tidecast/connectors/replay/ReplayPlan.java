package io.tidecast.connectors.replay;

import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The send order of a replay: every key's recording starts at time 0 (its first sample), and samples of all keys
 * are merged by that relative time. Pure and deterministic, so that it can be tested without a broker.
 *
 * <ul>
 *   <li>Within a key, samples keep their input order, even if their timestamps do not increase (replaying a
 *       faulty stream must reach the job unaltered, to exercise its rejects).</li>
 *   <li>Across keys, the next sample sent is the key head with the smallest relative time; ties go to the key
 *       that sorts first (by {@link String#compareTo}), so the order does not depend on input order.</li>
 * </ul>
 */
public final class ReplayPlan {
    private ReplayPlan() {}

    public static List<ScheduledSample> of(Collection<? extends Sample> samples) {
        Map<String, List<Sample>> byKey = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.key == null) {
                throw new IllegalArgumentException("sample without key: " + s);
            }
            byKey.computeIfAbsent(s.key, k -> new ArrayList<>()).add(s);
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(
                Comparator.comparingLong(Cursor::headRelativeMs).thenComparing(c -> c.key));
        for (Map.Entry<String, List<Sample>> e : byKey.entrySet()) {
            heads.add(new Cursor(e.getKey(), e.getValue()));
        }
        List<ScheduledSample> plan = new ArrayList<>(samples.size());
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            plan.add(new ScheduledSample(c.headRelativeMs(), c.samples.get(c.next)));
            if (++c.next < c.samples.size()) {
                heads.add(c);
            }
        }
        return plan;
    }

    /** Position in one key's samples. */
    private static final class Cursor {
        final String key;
        final List<Sample> samples;
        final long start;
        int next;

        Cursor(String key, List<Sample> samples) {
            this.key = key;
            this.samples = samples;
            this.start = samples.get(0).ts;
        }

        long headRelativeMs() {
            return samples.get(next).ts - start;
        }
    }
}
