package io.tidecast.learners.policy;

/**
 * What every policy keeps alike: its kind, the number of experts or arms, and the number of updates so far.
 */
abstract class PolicyBase implements Policy {
    private final String kind;
    final int n;
    long steps;

    PolicyBase(String kind, int n, long steps) {
        if (n < 1) throw new IllegalArgumentException(kind + ": needs at least one expert or arm");
        this.kind = kind;
        this.n = n;
        this.steps = steps;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int size() {
        return n;
    }

    @Override
    public final long steps() {
        return steps;
    }
}
