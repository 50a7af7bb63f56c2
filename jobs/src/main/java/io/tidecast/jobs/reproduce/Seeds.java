package io.tidecast.jobs.reproduce;

/**
 * Seeds derived from the coordinates of a run, so that every run's randomness is fixed by (seed, sequence, horizon,
 * method, grid point, phase, run) and not by which thread runs it or in which order.
 */
final class Seeds {
    private Seeds() {}

    static long derive(long seed, long... parts) {
        long s = mix(seed ^ 0x5DEECE66DL);
        for (long p : parts) s = mix(s ^ mix(p + 0x9E3779B97F4A7C15L));
        return s;
    }

    /** SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
