package io.tidecast.jobs.groupwise;

import io.tidecast.learners.groupwise.GroupwiseRegressor;
import io.tidecast.learners.groupwise.GroupwiseStream;
import io.tidecast.learners.groupwise.MinMaxScaler;
import io.tidecast.learners.groupwise.PublishedOrders;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline groupwise experiment: for each row order, one {@link GroupwiseStream} over the records in that order
 * (the very step the Flink job runs per record), then every group's account. Orders are the paper's shuffles
 * ({@link PublishedOrders}).
 */
public final class GroupwiseHarness {
    private GroupwiseHarness() {}

    /** Per group, one account per order (same order as {@code seeds}), in target units. */
    public static Map<String, List<GroupMetrics>> run(GroupwiseDataset data, Protocol protocol, List<Integer> seeds, double lambda) {
        Map<String, List<GroupMetrics>> out = new LinkedHashMap<>();
        out.put(GroupwiseRegressor.ALWAYS_ON, new ArrayList<>());
        for (String g : data.groupNames) out.put(g, new ArrayList<>());
        for (int seed : seeds) {
            int[] order = PublishedOrders.permutation(seed, data.rows());
            List<GroupRecord> records = new ArrayList<>(order.length);
            for (int i = 0; i < order.length; i++) records.add(data.record(data.name, order[i], i));
            Map<String, GroupMetrics> byGroup = new LinkedHashMap<>();
            for (GroupMetrics m : runOrder(data, protocol, records, lambda)) byGroup.put(m.group, m);
            out.forEach((g, list) -> list.add(byGroup.getOrDefault(g, new GroupMetrics(data.name, g, 0, 0, 0, 0, 0, true))));
        }
        return out;
    }

    /** One pass over {@code records} in their order; the final account of every group that occurred. */
    public static List<GroupMetrics> runOrder(GroupwiseDataset data, Protocol protocol, List<GroupRecord> records, double lambda) {
        GroupwiseStream stream = new GroupwiseStream(scaler(data, protocol), data.indicatorNames.size(), lambda);
        for (GroupRecord r : records) stream.process(r.features, r.indicators, r.target, r.groups);
        return stream.metrics(data.name, protocol == Protocol.PAPER, true);
    }

    static MinMaxScaler scaler(GroupwiseDataset data, Protocol protocol) {
        return protocol == Protocol.PAPER
                ? MinMaxScaler.declared(data.numericMin(), data.numericMax(), data.targetMin(), data.targetMax())
                : MinMaxScaler.running(data.numericNames.size());
    }
}
