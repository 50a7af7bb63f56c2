package io.tidecast.operators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every reason the decoder and the operator write maps to its metric label; nothing unknown becomes a new label. */
class RejectKindTest {
    @Test
    void reasonsMapToStableLabels() {
        assertThat(RejectKind.of("not valid JSON at line 1: unexpected end")).isEqualTo("not_json");
        assertThat(RejectKind.of("not a JSON object (found a number)")).isEqualTo("not_json");
        assertThat(RejectKind.of("duplicate field ts")).isEqualTo("not_json");
        assertThat(RejectKind.of("missing ts")).isEqualTo("missing_field");
        assertThat(RejectKind.of("ts must be an integer (epoch ms), found a string")).isEqualTo("wrong_type");
        assertThat(RejectKind.of("values must not be empty")).isEqualTo("wrong_type");
        assertThat(RejectKind.of("record has no value (tombstone)")).isEqualTo("tombstone");
        assertThat(RejectKind.of("vector length 2 differs from this key's length 3")).isEqualTo("vector_length");
        assertThat(RejectKind.of("timestamp 5 is not after the key's previous timestamp 7")).isEqualTo("timestamp_order");
        assertThat(RejectKind.of("non-finite value in values")).isEqualTo("non_finite");
        assertThat(RejectKind.of("learner 'rls' at horizon 500 ms produced a non-finite forecast and was reset")).isEqualTo("learner_reset");
        assertThat(RejectKind.of("something new")).isEqualTo("other");
        assertThat(RejectKind.of(null)).isEqualTo("other");
        assertThat(RejectKind.ALL).contains("other", "not_json", "learner_reset");
    }
}
