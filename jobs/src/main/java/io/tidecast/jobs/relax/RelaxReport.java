package io.tidecast.jobs.relax;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Prints the reproduction table and writes the cumulative-cost curves (CSV, PNG) and {@code relax.json}. */
final class RelaxReport {
    static final double TOLERANCE = 0.05;

    private RelaxReport() {}

    static void print(RelaxSummary s, PrintStream out) {
        out.printf(Locale.ROOT, "%n%s variance (c = -0.15 + 0.6 Beta(%s, %s)), %d instances, %d trials: mean SOR iterations per instance%n",
                s.setting.label(), fmt(s.setting.alpha), fmt(s.setting.beta), s.instances, s.trials);
        out.printf(Locale.ROOT, "%-52s %9s %7s %9s %7s %4s %11s %11s%n", "method", "measured", "sd", "reference", "ratio", "5%", "last-1500", "ref last");
        for (RelaxSummary.Row r : s.rows) {
            String label = r.label() + (Double.isNaN(r.omega()) || !r.method().equals("best-fixed") ? "" : String.format(Locale.ROOT, " [ω = %.2f]", r.omega()));
            boolean ok = Math.abs(r.ratio() - 1) <= TOLERANCE;
            out.printf(Locale.ROOT, "%-52s %9.1f %7.2f %9.1f %7.3f %4s %11.1f %11s%n", label, r.mean(), r.trialSd(), r.published(), r.ratio(), ok ? "ok" : "OFF",
                    r.lastWindow(), Double.isNaN(r.publishedLastWindow()) ? "" : String.format(Locale.ROOT, "%.1f", r.publishedLastWindow()));
        }
        out.printf(Locale.ROOT, "reference best fixed ω: %.2f%n", RelaxPublished.bestFixedOmega(s.setting));
        StringBuilder h = new StringBuilder("cumulative regret at t =");
        for (int c : s.checkpoints) h.append(' ').append(c);
        out.println(h);
        for (String p : s.regretBestFixed.keySet()) {
            out.printf(Locale.ROOT, "  %-15s vs best fixed: %s   vs ω*: %s%n", p, ks(s.regretBestFixed.get(p)), ks(s.regretInstanceOptimal.get(p)));
        }
        if (s.regretBestFixed.containsKey("chebcb")) {
            double[] ref = RelaxPublished.chebcbRegret(s.setting);
            out.printf(Locale.ROOT, "  %-15s vs best fixed: %s   (reference, t = 500 1000 2000 5000)%n", "chebcb ref", ks(ref));
        }
    }

    static boolean allWithinTolerance(List<RelaxSummary> ss) {
        return ss.stream().flatMap(s -> s.rows.stream()).allMatch(r -> Math.abs(r.ratio() - 1) <= TOLERANCE);
    }

    static void writeCurves(RelaxSummary s, Path dir) throws IOException {
        Path csv = dir.resolve("relax-" + s.setting.label() + "-cumulative.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("t");
            for (String m : s.curves.keySet()) w.write("," + m);
            w.write("\n");
            for (int t = 0; t < s.instances; t++) {
                w.write(Integer.toString(t + 1));
                for (double[] c : s.curves.values()) w.write(String.format(Locale.ROOT, ",%.3f", c[t]));
                w.write("\n");
            }
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("SOR tuning, " + s.setting.label() + " variance: cumulative iterations (mean of " + s.trials + " trials)")
                .xAxisTitle("instance t").yAxisTitle("cumulative SOR iterations").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        int step = Math.max(1, s.instances / 500);
        for (Map.Entry<String, double[]> e : s.curves.entrySet()) {
            int m = (s.instances + step - 1) / step;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                int t = Math.min(s.instances - 1, i * step);
                x[i] = t + 1;
                y[i] = e.getValue()[t];
            }
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("relax-" + s.setting.label() + "-cumulative").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void writeJson(List<RelaxSummary> ss, Path file, String mode, long seed, int threads, double wallSeconds) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("experiment", "Learning to Relax (Khodak et al., ICLR 2024): SOR omega tuning on the shifted 10x10 Laplacian");
        root.put("mode", mode);
        root.put("seed", seed);
        root.put("threads", threads);
        root.put("wallSeconds", wallSeconds);
        root.put("tolerance", TOLERANCE);
        root.put("allWithinTolerance", allWithinTolerance(ss));
        ArrayNode settings = root.putArray("settings");
        for (RelaxSummary s : ss) {
            ObjectNode o = settings.addObject();
            o.put("setting", s.setting.label());
            o.put("betaAlpha", s.setting.alpha);
            o.put("betaBeta", s.setting.beta);
            o.put("instances", s.instances);
            o.put("trials", s.trials);
            ArrayNode rows = o.putArray("rows");
            for (RelaxSummary.Row r : s.rows) {
                ObjectNode x = rows.addObject();
                x.put("method", r.method());
                x.put("label", r.label());
                if (!Double.isNaN(r.omega())) x.put("omega", r.omega());
                x.put("meanIterations", r.mean());
                x.put("lastWindowMean", r.lastWindow());
                if (!Double.isNaN(r.trialSd())) x.put("trialSd", r.trialSd());
                x.put("reference", r.published());
                if (!Double.isNaN(r.publishedLastWindow())) x.put("referenceLastWindow", r.publishedLastWindow());
                x.put("ratio", r.ratio());
                x.put("withinTolerance", Math.abs(r.ratio() - 1) <= TOLERANCE);
            }
            ArrayNode cps = o.putArray("regretCheckpoints");
            for (int c : s.checkpoints) cps.add(c);
            ObjectNode rb = o.putObject("regretBestFixed");
            s.regretBestFixed.forEach((k, v) -> { ArrayNode a = rb.putArray(k); for (double d : v) a.add(d); });
            ObjectNode ri = o.putObject("regretInstanceOptimal");
            s.regretInstanceOptimal.forEach((k, v) -> { ArrayNode a = ri.putArray(k); for (double d : v) a.add(d); });
            o.put("curvesCsv", "relax-" + s.setting.label() + "-cumulative.csv");
            o.put("curvesPng", "relax-" + s.setting.label() + "-cumulative.png");
        }
        m.writeValue(file.toFile(), root);
    }

    private static String ks(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) b.append(String.format(Locale.ROOT, "%+8.1fk", d / 1000));
        return b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Integer.toString((int) d) : Double.toString(d);
    }
}
