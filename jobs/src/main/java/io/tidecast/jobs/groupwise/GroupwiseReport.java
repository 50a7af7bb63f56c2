package io.tidecast.jobs.groupwise;

import io.tidecast.records.GroupMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Means and standard deviations over orders, in squared units of the target's range, and the printed table. */
public final class GroupwiseReport {
    /** One group under one protocol: mean and sample std over orders. */
    public record Summary(long size, double baseLoss, double baseLossStd, double oursLoss, double oursLossStd, double mixtureLoss,
                          double baseRegret, double baseRegretStd, double oursRegret, double oursRegretStd, double hindsight) {}

    private GroupwiseReport() {}

    public static Map<String, Summary> summarise(Map<String, List<GroupMetrics>> runs, double range) {
        double u = 1 / (range * range);
        Map<String, Summary> out = new LinkedHashMap<>();
        runs.forEach((g, list) -> {
            double[] base = list.stream().mapToDouble(m -> m.baseline * u).toArray();
            double[] ours = list.stream().mapToDouble(m -> m.ours * u).toArray();
            double[] mix = list.stream().mapToDouble(m -> m.oursMixture * u).toArray();
            double[] rb = list.stream().mapToDouble(m -> m.regretBaseline * u).toArray();
            double[] ro = list.stream().mapToDouble(m -> m.regretOurs * u).toArray();
            double[] h = list.stream().mapToDouble(m -> m.hindsight * u).toArray();
            out.put(g, new Summary(list.isEmpty() ? 0 : list.get(0).count, mean(base), std(base), mean(ours), std(ours), mean(mix),
                    mean(rb), std(rb), mean(ro), std(ro), mean(h)));
        });
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** The table: per group, published / paper protocol / causal protocol for loss and regret of baseline and ours. */
    public static List<String> table(Map<String, Summary> paper, Map<String, Summary> causal, Map<String, Published.Row> published) {
        List<String> lines = new ArrayList<>();
        boolean pub = published != null;
        lines.add(String.format(Locale.ROOT, "%-12s %5s | %-26s | %-26s | %-26s | %-26s", "group", "T_g",
                "baseline loss", "ours loss", "baseline regret", "ours regret"));
        String sub = (pub ? "pub" : "") + (paper != null ? (pub ? " / paper" : "paper") : "") + (causal != null ? " / causal" : "");
        lines.add(String.format(Locale.ROOT, "%-12s %5s | %-26s | %-26s | %-26s | %-26s", "", "", sub, sub, sub, sub));
        Map<String, Summary> any = paper != null ? paper : causal;
        int within = 0, checked = 0;
        for (String g : any.keySet()) {
            Published.Row p = pub ? published.get(g) : null;
            Summary a = paper == null ? null : paper.get(g);
            Summary c = causal == null ? null : causal.get(g);
            String[] cells = new String[4];
            for (int k = 0; k < 4; k++) {
                StringBuilder b = new StringBuilder();
                if (pub) b.append(p == null ? "-" : f(k == 0 ? p.baseLoss() : k == 1 ? p.oursLoss() : k == 2 ? p.baseRegret() : p.oursRegret()));
                if (a != null) {
                    double v = pick(a, k);
                    if (b.length() > 0) b.append(" / ");
                    b.append(f(v));
                    if (p != null) {
                        double ref = k == 0 ? p.baseLoss() : k == 1 ? p.oursLoss() : k == 2 ? p.baseRegret() : p.oursRegret();
                        checked++;
                        if (Math.abs(v - ref) <= 0.05 * Math.abs(ref)) within++;
                        else b.append('*');
                    }
                }
                if (c != null) b.append(b.length() > 0 ? " / " : "").append(f(pick(c, k)));
                cells[k] = b.toString();
            }
            lines.add(String.format(Locale.ROOT, "%-12s %5d | %-26s | %-26s | %-26s | %-26s", g, any.get(g).size(), cells[0], cells[1], cells[2], cells[3]));
        }
        if (pub && paper != null) {
            lines.add(String.format(Locale.ROOT, "paper protocol: %d of %d published figures reproduced within 5%% (* marks the others)", within, checked));
        }
        return lines;
    }

    private static double pick(Summary s, int k) {
        return k == 0 ? s.baseLoss() : k == 1 ? s.oursLoss() : k == 2 ? s.baseRegret() : s.oursRegret();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
