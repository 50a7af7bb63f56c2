package io.tidecast.learners.policy;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configured policy: its kind, the number of experts or arms, the seed of its random source and kind-specific
 * numeric parameters (e.g. {@code eta}, {@code gamma}, {@code bins}).
 */
public final class PolicySpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String kind;
    public final int size;
    public final long seed;
    public final Map<String, Double> params;

    public PolicySpec(String kind, int size, long seed, Map<String, Double> params) {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("a policy needs a kind");
        if (size < 1) throw new IllegalArgumentException("policy '" + kind + "': size must be >= 1, got " + size);
        this.kind = kind;
        this.size = size;
        this.seed = seed;
        this.params = params == null ? new TreeMap<>() : new TreeMap<>(params);
    }

    public double param(String p, double dflt) {
        Double v = params.get(p);
        return v == null ? dflt : v;
    }

    public int intParam(String p, int dflt) {
        double v = param(p, dflt);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kind + ": parameter '" + p + "' must be an integer, got " + v);
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return kind + "(n=" + size + ", seed=" + seed + ", " + params + ")";
    }
}
