package io.tidecast.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of broken groupwise record is rejected with its own reason; good ones round-trip exactly. */
class GroupwiseCodecCorruptRecordTest {
    final GroupwiseCodec codec = new GroupwiseCodec();

    GroupRecord decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void roundTrip() {
        GroupRecord r = new GroupRecord("ins", 7, new double[] {19, 27.9, 0.1 + 0.2}, new double[] {1, 0}, 16884.924, new String[] {"young", "smoker"});
        GroupRecord back = codec.decode(codec.encode(r), null);
        assertThat(back).usingRecursiveComparison().isEqualTo(r);
        GroupRecord minimal = decode("{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2,\"extra\":{}}");
        assertThat(minimal.indicators).isEmpty();
        assertThat(minimal.groups).isEmpty();
        GroupMetrics m = new GroupMetrics("k", "g", 3, 1.5, 1.25, 2.5, 0.125, true);
        assertThat(codec.decodeMetrics(codec.encode(m))).usingRecursiveComparison().isEqualTo(m);
    }

    @Test
    void corruptedRecordsAreRejectedWithSpecificReasons() {
        String[][] cases = {
            {"", "record is empty"},
            {"[1,2]", "not a JSON object"},
            {"{\"key\":1,\"ts\":1,\"features\":[1],\"target\":2}", "'key' must be a non-blank string"},
            {"{\"key\":\" \",\"ts\":1,\"features\":[1],\"target\":2}", "'key' must be a non-blank string"},
            {"{\"key\":\"k\",\"ts\":1.5,\"features\":[1],\"target\":2}", "'ts' must be an integer"},
            {"{\"key\":\"k\",\"ts\":1,\"target\":2}", "'features' is missing"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":{},\"target\":2}", "'features' must be an array"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[],\"target\":2}", "'features' is empty"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[null],\"target\":2}", "'features' element 0 is not a number"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1e999],\"target\":2}", "'features' element 0 is not finite"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"indicators\":[\"a\"],\"target\":2}", "'indicators' element 0 is not a number"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1]}", "'target' is missing"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":\"2\"}", "'target' must be a finite number"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2,\"groups\":\"a\"}", "'groups' must be an array"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2,\"groups\":[1]}", "'groups' element 0 is not a non-blank string"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2,\"groups\":[\"always_on\"]}", "must not list always_on"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2,\"groups\":[\"a\",\"a\"]}", "lists 'a' twice"},
            {"{\"key\":\"k\",\"ts\":1,\"features\":[1],\"target\":2", "not valid JSON"},
        };
        Set<String> reasons = new HashSet<>();
        for (String[] c : cases) {
            assertThatThrownBy(() -> decode(c[0])).as(c[0]).isInstanceOf(RejectedRecordException.class).hasMessageContaining(c[1]);
            try {
                decode(c[0]);
            } catch (RejectedRecordException e) {
                reasons.add(e.getMessage());
            }
        }
        assertThat(reasons).hasSizeGreaterThanOrEqualTo(cases.length - 1); // the two blank-key cases share their reason
        assertThatThrownBy(() -> codec.decode(null, null)).hasMessageContaining("tombstone");
    }
}
