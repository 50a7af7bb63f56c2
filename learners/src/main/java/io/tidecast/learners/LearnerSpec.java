package io.tidecast.learners;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configured learner: its output name, its kind, the history length k (samples in the input window) and
 * kind-specific numeric parameters (e.g. {@code eta} for LMS, {@code lambda} and {@code delta} for RLS).
 */
public final class LearnerSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String name;
    public final String kind;
    public final int history;
    public final Map<String, Double> params;

    public LearnerSpec(String name, String kind, int history, Map<String, Double> params) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a learner needs a name");
        if (history < 1) throw new IllegalArgumentException("learner '" + name + "': history must be >= 1, got " + history);
        this.name = name;
        this.kind = kind;
        this.history = history;
        this.params = params == null ? new TreeMap<>() : new TreeMap<>(params);
    }

    public double param(String p, double dflt) {
        Double v = params.get(p);
        return v == null ? dflt : v;
    }

    @Override
    public String toString() {
        return name + "(" + kind + ", k=" + history + ", " + params + ")";
    }
}
