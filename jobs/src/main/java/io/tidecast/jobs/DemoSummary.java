package io.tidecast.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidecast.operators.EnsembleSpec;
import io.tidecast.records.MetricsRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model × horizon table of a finished run, from the final since-start metrics of every key. As in the
 * published protocol, each figure is the equal-weight mean over keys (recordings) of that key's figure;
 * {@code count} is the total number of scored forecasts.
 */
public final class DemoSummary {
    /** {@code regret} and {@code regretPerStep}: means over keys, for the ensemble only (null otherwise). */
    public record Row(String model, long horizonMs, int keys, double nrmse, double rmse, double mae, double maxError,
                      double jitter, long count, Double regret, Double regretPerStep) {}

    public final List<Row> rows;

    private DemoSummary(List<Row> rows) {
        this.rows = rows;
    }

    /** @param modelOrder the models in the order the table shows them (config order) */
    public static DemoSummary of(List<MetricsRecord> metrics, List<String> modelOrder) {
        Map<String, List<MetricsRecord>> cells = new LinkedHashMap<>();
        for (MetricsRecord m : metrics) {
            if (m.last && "total".equals(m.scope) && m.group == null) cells.computeIfAbsent(m.model + "\u0000" + m.horizonMs, k -> new ArrayList<>()).add(m);
        }
        List<Row> rows = new ArrayList<>();
        for (List<MetricsRecord> cell : cells.values()) {
            MetricsRecord first = cell.get(0);
            rows.add(new Row(first.model, first.horizonMs, cell.size(), mean(cell, m -> m.nrmse), mean(cell, m -> m.rmse),
                    mean(cell, m -> m.mae), mean(cell, m -> m.maxError), mean(cell, m -> m.jitter),
                    cell.stream().mapToLong(m -> m.count).sum(),
                    first.regret == null ? null : mean(cell, m -> m.regret),
                    first.regretPerStep == null ? null : mean(cell, m -> m.regretPerStep)));
        }
        rows.sort(Comparator.comparingLong(Row::horizonMs).thenComparingInt(r -> rank(modelOrder, r.model())));
        return new DemoSummary(rows);
    }

    private static int rank(List<String> order, String model) {
        int i = order.indexOf(model);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static double mean(List<MetricsRecord> cell, java.util.function.ToDoubleFunction<MetricsRecord> f) {
        return cell.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    public Row row(String model, long horizonMs) {
        return rows.stream().filter(r -> r.model.equals(model) && r.horizonMs == horizonMs).findFirst().orElse(null);
    }

    public void print(PrintStream out) {
        int w = Math.max(5, rows.stream().mapToInt(r -> r.model.length()).max().orElse(5));
        out.printf("%-" + w + "s %10s %7s %9s %9s %10s %10s %8s%n", "model", "horizon", "nRMSE", "RMSE mm", "MAE mm", "max err mm",
                "jitter mm", "count");
        long lastHorizon = -1;
        for (Row r : rows) {
            if (lastHorizon != -1 && r.horizonMs != lastHorizon) out.println();
            lastHorizon = r.horizonMs;
            out.printf("%-" + w + "s %7d ms %7.4f %9.4f %9.4f %10.3f %10.4f %8d%n", r.model, r.horizonMs, r.nrmse, r.rmse, r.mae,
                    r.maxError, r.jitter, r.count);
        }
    }

    /** The ensemble against the most accurate single model, per horizon; empty without an ensemble. */
    public void printEnsemble(PrintStream out, String ensemble) {
        List<String> singles = rows.stream().map(Row::model).filter(m -> !m.equals(ensemble)).distinct().toList();
        printEnsembles(out, List.of(new EnsembleSpec(ensemble, null, null, singles)));
    }

    /**
     * Every ensemble and search against the most accurate of its own members, per horizon, with its regret (final
     * cumulative regret and regret per step: the end points of the regret curves, mean over streams).
     */
    public void printEnsembles(PrintStream out, List<EnsembleSpec> ensembles) {
        for (EnsembleSpec spec : ensembles) {
            List<Row> ens = rows.stream().filter(r -> r.model.equals(spec.name)).toList();
            if (ens.isEmpty()) continue;
            int w = Math.max(8, spec.members.stream().mapToInt(String::length).max().orElse(8));
            out.printf("%n%s vs the best of its %d members (nRMSE; regret: its loss minus the best member's in hindsight, "
                    + "mean over streams)%n", spec.name, spec.members.size());
            out.printf("%8s %9s %-" + w + "s %9s %8s %10s %14s%n", "horizon", spec.name.length() > 9 ? "it" : spec.name, "best member",
                    "nRMSE", "ratio", "regret", "regret/step");
            for (Row e : ens) {
                Row best = rows.stream().filter(r -> r.horizonMs == e.horizonMs && spec.members.contains(r.model))
                        .min(Comparator.comparingDouble(Row::nrmse)).orElse(null);
                if (best == null) continue;
                out.printf("%5d ms %9.4f %-" + w + "s %9.4f %8.3f %10.3f %14.6f%n", e.horizonMs, e.nrmse, best.model, best.nrmse,
                        e.nrmse / best.nrmse, e.regret == null ? Double.NaN : e.regret, e.regretPerStep == null ? Double.NaN : e.regretPerStep);
            }
        }
    }

    /** Writes {@code summary.json}: the table plus whatever describes the run ({@code about}). */
    public Path write(Path dir, Map<String, Object> about) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>(about);
        doc.put("aggregation", "per model and horizon: mean over keys of each key's since-start figure; count = total scored forecasts");
        doc.put("rows", rows);
        Path file = dir.resolve("summary.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        return file;
    }
}
