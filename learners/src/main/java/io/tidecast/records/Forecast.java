package io.tidecast.records;

import java.util.Arrays;
import java.util.Objects;

/** A forecast of {@code values} at {@code targetTs}, made at {@code ts}: the {@code tidecast.forecasts} contract. */
public final class Forecast {
    public String key;
    public String model;
    public long ts;
    public long horizonMs;
    public long targetTs;
    public double[] values;

    public Forecast() {}

    public Forecast(String key, String model, long ts, long horizonMs, long targetTs, double[] values) {
        this.key = key;
        this.model = model;
        this.ts = ts;
        this.horizonMs = horizonMs;
        this.targetTs = targetTs;
        this.values = values;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Forecast)) return false;
        Forecast f = (Forecast) o;
        return ts == f.ts && horizonMs == f.horizonMs && targetTs == f.targetTs && Objects.equals(key, f.key)
                && Objects.equals(model, f.model) && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, model, ts, horizonMs);
    }

    @Override
    public String toString() {
        return "Forecast{" + key + "/" + model + "@" + ts + "+" + horizonMs + "ms " + Arrays.toString(values) + "}";
    }
}
