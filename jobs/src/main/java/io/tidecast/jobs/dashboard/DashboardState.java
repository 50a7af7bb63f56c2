package io.tidecast.jobs.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the dashboard shows, in bounded memory: per key the newest samples, per key × horizon × model the newest
 * forecasts (at their target time) and rolling-window metrics, plus reject counts by reason. Written by the Kafka
 * feed thread, read by the browser connections; every point carries a global sequence number so a connection
 * sends only what its browser has not seen.
 */
public final class DashboardState {
    /** Index of each field in a metrics point's vector. */
    static final int NRMSE = 0, WEIGHT = 1, REGRET = 2;

    private final int pointsPerSeries;
    private final int maxKeys;
    private final Map<String, KeySeries> keys = new TreeMap<>();
    private final TreeSet<Long> horizons = new TreeSet<>();
    private final TreeSet<String> models = new TreeSet<>();
    private final Map<String, Long> rejectsByReason = new TreeMap<>();
    private final long[] counts = new long[4];
    private long droppedKeys;
    private long seq;

    private static final class KeySeries {
        final PointRing samples;
        final Map<Long, Map<String, PointRing>> forecasts = new TreeMap<>();
        final Map<Long, Map<String, PointRing>> metrics = new TreeMap<>();
        /** Latest since-start nRMSE per horizon and model, for the table. */
        final Map<Long, Map<String, Double>> totalNrmse = new TreeMap<>();
        int dims;

        KeySeries(int capacity) {
            samples = new PointRing(capacity);
        }
    }

    public DashboardState(int pointsPerSeries, int maxKeys) {
        this.pointsPerSeries = pointsPerSeries;
        this.maxKeys = maxKeys;
    }

    public synchronized void onSample(Sample s) {
        counts[0]++;
        KeySeries k = series(s.key);
        if (k == null) return;
        k.dims = s.values.length;
        k.samples.add(++seq, s.ts, s.values);
    }

    public synchronized void onForecast(Forecast f) {
        counts[1]++;
        KeySeries k = series(f.key);
        if (k == null) return;
        horizons.add(f.horizonMs);
        models.add(f.model);
        ring(k.forecasts, f.horizonMs, f.model).add(++seq, f.targetTs, f.values);
    }

    public synchronized void onMetrics(MetricsRecord m) {
        counts[2]++;
        KeySeries k = series(m.key);
        if (k == null) return;
        horizons.add(m.horizonMs);
        models.add(m.model);
        if ("total".equals(m.scope)) {
            k.totalNrmse.computeIfAbsent(m.horizonMs, h -> new TreeMap<>()).put(m.model, m.nrmse);
        } else if ("window".equals(m.scope)) {
            double[] v = {m.nrmse, m.weight == null ? Double.NaN : m.weight, m.regret == null ? Double.NaN : m.regret};
            ring(k.metrics, m.horizonMs, m.model).add(++seq, m.ts, v);
        }
    }

    public synchronized void onReject(Reject r) {
        counts[3]++;
        rejectsByReason.merge(r.reason == null ? "unknown" : r.reason, 1L, Long::sum);
    }

    /** Total points held in every series of every key: bounded by keys × series × capacity. */
    public synchronized long heldPoints() {
        long n = 0;
        for (KeySeries k : keys.values()) {
            n += k.samples.size();
            for (Map<String, PointRing> m : k.forecasts.values()) for (PointRing r : m.values()) n += r.size();
            for (Map<String, PointRing> m : k.metrics.values()) for (PointRing r : m.values()) n += r.size();
        }
        return n;
    }

    public synchronized long sequence() {
        return seq;
    }

    private KeySeries series(String key) {
        KeySeries k = keys.get(key);
        if (k == null) {
            if (keys.size() >= maxKeys) {
                droppedKeys++;
                return null;
            }
            k = new KeySeries(pointsPerSeries);
            keys.put(key, k);
        }
        return k;
    }

    private PointRing ring(Map<Long, Map<String, PointRing>> byHorizon, long horizon, String model) {
        return byHorizon.computeIfAbsent(horizon, h -> new TreeMap<>()).computeIfAbsent(model, m -> new PointRing(pointsPerSeries));
    }

    /**
     * One update for a browser showing {@code key} at {@code horizon}: the overview (keys, horizons, models, counts,
     * rejects, the nRMSE table) and the points of that selection newer than {@code after}. A null key or horizon
     * means the first known one. The JSON's {@code seq} is the cursor for the next call.
     */
    public synchronized String update(String key, Long horizon, long after) {
        return updateWithCursor(key, horizon, after).json();
    }

    /** An update and the sequence number it is complete up to (taken under the same lock). */
    record Update(long seq, String json) {}

    synchronized Update updateWithCursor(String key, Long horizon, long after) {
        if (key == null || !keys.containsKey(key)) key = keys.isEmpty() ? null : keys.keySet().iterator().next();
        if (horizon == null || !horizons.contains(horizon)) horizon = horizons.isEmpty() ? null : horizons.first();
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("seq", seq);
            g.writeStringField("key", key);
            if (horizon == null) g.writeNullField("horizon");
            else g.writeNumberField("horizon", horizon);
            g.writeArrayFieldStart("keys");
            for (String k : keys.keySet()) g.writeString(k);
            g.writeEndArray();
            g.writeArrayFieldStart("horizons");
            for (long h : horizons) g.writeNumber(h);
            g.writeEndArray();
            g.writeArrayFieldStart("models");
            for (String m : models) g.writeString(m);
            g.writeEndArray();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("samples", counts[0]);
            g.writeNumberField("forecasts", counts[1]);
            g.writeNumberField("metrics", counts[2]);
            g.writeNumberField("rejects", counts[3]);
            g.writeNumberField("droppedKeys", droppedKeys);
            g.writeEndObject();
            g.writeObjectFieldStart("rejectsByReason");
            for (Map.Entry<String, Long> e : rejectsByReason.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            KeySeries k = key == null ? null : keys.get(key);
            if (k != null) writeSelection(g, k, horizon, after);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Update(seq, w.toString());
    }

    /** {@code horizon} is null before the first forecast (during every key's warm-up). */
    private static void writeSelection(JsonGenerator g, KeySeries k, Long horizon, long after) throws IOException {
        g.writeNumberField("dims", k.dims);
        g.writeArrayFieldStart("samples");
        k.samples.forEachAfter(after, p -> point(g, p));
        g.writeEndArray();
        g.writeObjectFieldStart("forecasts");
        for (Map.Entry<String, PointRing> e : (horizon == null ? Map.<String, PointRing>of() : k.forecasts.getOrDefault(horizon, Map.of())).entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            e.getValue().forEachAfter(after, p -> point(g, p));
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("metrics");
        for (Map.Entry<String, PointRing> e : (horizon == null ? Map.<String, PointRing>of() : k.metrics.getOrDefault(horizon, Map.of())).entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            e.getValue().forEachAfter(after, p -> point(g, p));
            g.writeEndArray();
        }
        g.writeEndObject();
        // the table: latest rolling (window) and since-start nRMSE for every model and horizon of this key
        g.writeObjectFieldStart("table");
        for (Map.Entry<Long, Map<String, PointRing>> h : k.metrics.entrySet()) {
            g.writeObjectFieldStart(Long.toString(h.getKey()));
            for (Map.Entry<String, PointRing> m : h.getValue().entrySet()) {
                PointRing.Point last = m.getValue().last();
                Double total = k.totalNrmse.getOrDefault(h.getKey(), Map.of()).get(m.getKey());
                g.writeArrayFieldStart(m.getKey());
                number(g, last == null ? Double.NaN : last.values()[NRMSE]);
                number(g, total == null ? Double.NaN : total);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void point(JsonGenerator g, PointRing.Point p) {
        try {
            g.writeStartArray();
            g.writeNumber(p.ts());
            for (double v : p.values()) number(g, v);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) g.writeNumber(v);
        else g.writeNull();
    }

    private static final JsonFactory JSON = new JsonFactory();
}
