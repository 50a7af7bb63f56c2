package io.tidecast.learners.groupwise;

import java.util.List;

/**
 * The row orders of the groupwise-regret experiments (Acharya et al., ICLR 2024): the authors shuffle with pandas
 * {@code df.sample(frac=1, random_state=seed)}, i.e. numpy's legacy {@code RandomState(seed).permutation(n)}, for
 * ten fixed seeds. This class regenerates those permutations bit for bit: MT19937 seeded by {@code init_genrand},
 * then a Fisher–Yates pass from the top with numpy's masked rejection sampling of the swap index. Commons RNG's
 * Mersenne Twister seeds through {@code init_by_array}, which gives a different stream, hence the own generator.
 */
public final class PublishedOrders {
    /** The shuffle seeds of the paper's ten runs, in their order. */
    public static final List<Integer> SEEDS = List.of(473, 503, 623, 550, 692, 989, 617, 458, 301, 205);

    private PublishedOrders() {}

    /** {@code numpy.random.RandomState(seed).permutation(n)}. */
    public static int[] permutation(long seed, int n) {
        if (seed < 0 || seed > 0xffffffffL) throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        Mt19937 mt = new Mt19937((int) seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(mt, i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** numpy's {@code random_interval(max)}: uniform on [0, max] by masking 32-bit draws and rejecting. */
    private static long interval(Mt19937 mt, long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = (mt.next() & 0xffffffffL) & mask;
        } while (v > max);
        return v;
    }

    /** The reference MT19937 (Matsumoto &amp; Nishimura), {@code init_genrand} seeding. */
    static final class Mt19937 {
        private static final int N = 624;
        private static final int M = 397;
        private final int[] mt = new int[N];
        private int mti;

        Mt19937(int seed) {
            mt[0] = seed;
            for (int i = 1; i < N; i++) {
                mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
            }
            mti = N;
        }

        int next() {
            if (mti >= N) {
                int k = 0;
                for (; k < N - M; k++) {
                    int y = (mt[k] & 0x80000000) | (mt[k + 1] & 0x7fffffff);
                    mt[k] = mt[k + M] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
                }
                for (; k < N - 1; k++) {
                    int y = (mt[k] & 0x80000000) | (mt[k + 1] & 0x7fffffff);
                    mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
                }
                int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
                mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
                mti = 0;
            }
            int y = mt[mti++];
            y ^= y >>> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >>> 18;
            return y;
        }
    }
}
