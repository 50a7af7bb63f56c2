package io.tidecast.operators;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;

/**
 * The live-key count of one parallel instance of the forecast operator against its share of the job's key
 * budget ({@code maxKeys / parallelism}, rounded up). Keys are counted when their state is created and uncounted
 * when it expires. The count is checkpointed as union list state, one {@code [subtask, parallelism, count]} entry
 * per instance: restored at the same parallelism each instance takes its own count back; after a rescale each
 * takes an even share of the total (keys move between instances with their key groups, so the exact split is
 * unknown here; it settles as keys expire).
 */
final class KeyBudget {
    private final long maxKeys;
    private long live;
    private long share;

    KeyBudget(long maxKeys) {
        this.maxKeys = maxKeys;
    }

    void configure(int subtask, int parallelism, Iterable<long[]> restored) {
        share = maxKeys <= 0 ? Long.MAX_VALUE : (maxKeys + parallelism - 1) / parallelism;
        long total = 0;
        Long own = null;
        for (long[] e : restored) {
            total += e[2];
            if (e[0] == subtask && e[1] == parallelism) own = e[2];
        }
        live = own != null ? own : total / parallelism + (subtask < total % parallelism ? 1 : 0);
    }

    /** Whether one more key may get state. */
    boolean admits() {
        return live < share;
    }

    void added() {
        live++;
    }

    void removed() {
        if (live > 0) live--;
    }

    long live() {
        return live;
    }

    long share() {
        return share;
    }

    void snapshot(ListState<long[]> state, int subtask, int parallelism) throws Exception {
        List<long[]> entry = new ArrayList<>(1);
        entry.add(new long[] {subtask, parallelism, live});
        state.update(entry);
    }
}
