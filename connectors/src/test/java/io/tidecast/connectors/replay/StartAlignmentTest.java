package io.tidecast.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.records.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartAlignmentTest {
    @Test
    void everyKeyStartsAtTheEarliestStartAndKeepsItsSpacing() {
        List<Sample> in = List.of(new Sample("a", 1_000, new double[] {1}), new Sample("b", 900_000, new double[] {2}),
                new Sample("a", 1_100, new double[] {3}), new Sample("b", 900_117, new double[] {4}));
        List<Sample> out = StartAlignment.alignStarts(in);
        assertThat(out).extracting(s -> s.key + "@" + s.ts).containsExactly("a@1000", "b@1000", "a@1100", "b@1117");
        assertThat(out.get(3).values).containsExactly(4.0);
    }
}
