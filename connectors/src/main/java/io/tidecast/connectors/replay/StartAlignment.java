package io.tidecast.connectors.replay;

import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shifts each key's timestamps so that every key starts at the same instant (the earliest key's start),
 * keeping each key's own spacing. Recordings made on different days, replayed together, then share one event
 * clock as live streams would: otherwise the watermark, driven by the newest recording, would leave the older
 * ones days behind it (their samples all late, their state expired while they are still sending).
 */
public final class StartAlignment {
    private StartAlignment() {}

    public static List<Sample> alignStarts(List<Sample> samples) {
        Map<String, Long> first = new HashMap<>();
        for (Sample s : samples) first.merge(s.key, s.ts, Math::min);
        long common = first.values().stream().mapToLong(Long::longValue).min().orElse(0);
        List<Sample> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            Sample c = new Sample(s.key, s.ts - first.get(s.key) + common, s.values);
            c.groups = s.groups;
            c.context = s.context;
            c.origin = s.origin;
            out.add(c);
        }
        return out;
    }
}
