package io.tidecast.operators;

import io.tidecast.records.MetricsRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The forecast operator's live figures in Flink's metric system (and so in any configured reporter, e.g.
 * Prometheus), in the group {@code tidecast}: samples in, forecasts and metrics records out, learner resets per
 * model, and per model and horizon the mean over this subtask's live keys of each key's latest total nRMSE.
 * Monitoring only: not checkpointed, so after a restore the means refill as keys emit their next pane.
 */
final class ForecastMetrics {
    private final Counter samplesIn;
    private final Counter forecastsOut;
    private final Counter metricsOut;
    private final Map<String, Counter> resets = new HashMap<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private final NrmseBoard board;

    ForecastMetrics(MetricGroup operator, ForecastConfig config) {
        MetricGroup g = operator.addGroup("tidecast");
        samplesIn = g.counter("samplesIn");
        forecastsOut = g.counter("forecastsOut");
        metricsOut = g.counter("metricsOut");
        List<String> models = config.modelNames();
        board = new NrmseBoard(models.size() * config.horizonsMs.length);
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            if (!ForecastConfig.ENSEMBLE.equals(model)) resets.put(model, g.addGroup("model", model).counter("learnerResets"));
            for (int h = 0; h < config.horizonsMs.length; h++) {
                int slot = m * config.horizonsMs.length + h;
                slots.put(model + "/" + config.horizonsMs[h], slot);
                g.addGroup("model", model).addGroup("horizonMs", Long.toString(config.horizonsMs[h]))
                        .gauge("meanNrmse", () -> board.mean(slot));
            }
        }
        g.gauge("liveKeys", board::keys);
    }

    void sampleIn() {
        samplesIn.inc();
    }

    void forecastOut() {
        forecastsOut.inc();
    }

    void learnerReset(String model) {
        Counter c = resets.get(model);
        if (c != null) c.inc();
    }

    void metricsOut(MetricsRecord m) {
        metricsOut.inc();
        if (!"total".equals(m.scope) || m.group != null) return; // a group's record carries regret, not errors
        if (m.last) {
            board.forget(m.key);
            return;
        }
        Integer slot = slots.get(m.model + "/" + m.horizonMs);
        if (slot != null) board.put(m.key, slot, m.nrmse);
    }
}
