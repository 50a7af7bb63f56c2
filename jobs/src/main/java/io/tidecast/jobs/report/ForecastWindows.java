package io.tidecast.jobs.report;

import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of each recording a report plots: its last {@code seconds} of event time, with the samples and the
 * forecasts whose target falls in it. Only those forecasts are kept, so memory stays small whatever the run's size.
 */
public final class ForecastWindows {
    private final Map<String, long[]> window = new HashMap<>();
    private final Map<String, List<Sample>> samples = new HashMap<>();
    private final Map<String, List<Forecast>> forecasts = new HashMap<>();

    public ForecastWindows(List<Sample> all, double seconds) {
        Map<String, long[]> range = new HashMap<>();
        for (Sample s : all) {
            long[] r = range.computeIfAbsent(s.key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            r[0] = Math.min(r[0], s.ts);
            r[1] = Math.max(r[1], s.ts);
        }
        range.forEach((k, r) -> window.put(k, new long[] {Math.max(r[0], r[1] - Math.round(seconds * 1000)), r[1]}));
        for (Sample s : all) if (inside(s.key, s.ts)) samples.computeIfAbsent(s.key, k -> new ArrayList<>()).add(s);
    }

    private boolean inside(String key, long ts) {
        long[] w = window.get(key);
        return w != null && ts >= w[0] && ts <= w[1];
    }

    /** Keeps the forecast if its target time lies in its key's window. */
    public void offer(Forecast f) {
        if (inside(f.key, f.targetTs)) forecasts.computeIfAbsent(f.key, k -> new ArrayList<>()).add(f);
    }

    public List<String> keys() {
        return window.keySet().stream().sorted().toList();
    }

    public List<Sample> samples(String key) {
        return samples.getOrDefault(key, List.of());
    }

    public List<Forecast> forecasts(String key) {
        return forecasts.getOrDefault(key, List.of());
    }

    public long start(String key) {
        return window.get(key)[0];
    }
}
