package io.tidecast.operators;

import io.tidecast.records.Reject;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Passes rejects through unchanged and counts them by kind: metric {@code tidecast.rejects} with label {@code reason}. */
public final class CountRejects extends RichMapFunction<Reject, Reject> {
    private static final long serialVersionUID = 1L;
    private transient MetricGroup group;
    private transient Map<String, Counter> byKind;

    @Override
    public void open(OpenContext openContext) {
        group = getRuntimeContext().getMetricGroup().addGroup("tidecast");
        byKind = new HashMap<>();
        for (String kind : RejectKind.ALL) counter(kind); // every kind shows from the start, at 0
    }

    @Override
    public Reject map(Reject r) {
        counter(RejectKind.of(r.reason)).inc();
        return r;
    }

    private Counter counter(String kind) {
        return byKind.computeIfAbsent(kind, k -> group.addGroup("reason", k).counter("rejects"));
    }
}
