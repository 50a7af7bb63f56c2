package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NrmseBoardTest {
    @Test
    void theMeanIsOverEachKeysLatestValueAndForgetsEndedKeys() {
        NrmseBoard b = new NrmseBoard(2);
        assertThat(b.mean(0)).isNaN();
        b.put("a", 0, 0.4);
        b.put("b", 0, 0.2);
        b.put("a", 0, 0.6); // replaces a's 0.4
        assertThat(b.mean(0)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        b.put("a", 1, Double.NaN); // no figure yet: not counted
        assertThat(b.mean(1)).isNaN();
        assertThat(b.keys()).isEqualTo(2);
        b.forget("a");
        assertThat(b.mean(0)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        b.forget("b");
        b.forget("never-seen");
        assertThat(b.mean(0)).isNaN();
        assertThat(b.keys()).isZero();
    }
}
