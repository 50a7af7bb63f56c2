package io.tidecast.learners.groupwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected values printed by numpy 2.4 {@code numpy.random.RandomState(seed).permutation(n)}. */
class PublishedOrdersTest {
    @Test
    void equalsNumpyLegacyPermutation() {
        assertThat(PublishedOrders.permutation(0, 10)).containsExactly(2, 8, 4, 9, 1, 6, 7, 3, 0, 5);
        int[] p = PublishedOrders.permutation(473, 1338);
        assertThat(Arrays.copyOf(p, 8)).containsExactly(526, 908, 1051, 822, 1330, 1301, 1120, 601);
        assertThat(Arrays.copyOfRange(p, 1334, 1338)).containsExactly(1202, 178, 1119, 1113);
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 1338).toArray());
        assertThat(Arrays.copyOf(PublishedOrders.permutation(205, 1338), 8)).containsExactly(600, 519, 572, 255, 386, 1146, 1176, 1051);
    }

    @Test
    void referenceMersenneTwisterStream() {
        // init_genrand(5489): the first output of the reference implementation
        assertThat(new PublishedOrders.Mt19937(5489).next() & 0xffffffffL).isEqualTo(3499211612L);
    }
}
