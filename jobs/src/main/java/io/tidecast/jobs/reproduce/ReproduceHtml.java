package io.tidecast.jobs.reproduce;

import io.tidecast.jobs.report.Charts;
import io.tidecast.jobs.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.html} of {@code tidecast reproduce}: measured against published figures as bars, error against
 * horizon per method, and forecast against actual per sequence for a few horizons (test run 0 of each cell, replayed).
 */
final class ReproduceHtml {
    static final double WINDOW_SECONDS = 30;
    static final int MAX_HORIZON_TABS = 4;

    private ReproduceHtml() {}

    static Path write(Path file, ReproduceConfig cfg, ReproduceEngine engine, Map<Method, List<CellResult>> results, double wall)
            throws IOException {
        double period = 60.0 / cfg.rate().validationEnd; // seconds per sample: the first minute ends at validationEnd
        List<String> names = results.keySet().stream().map(m -> m.title).toList();
        HtmlReport r = new HtmlReport("Tidecast reproduce report");
        r.paragraph(String.format(Locale.ROOT, "%s Hz, protocol %s, sequences %s, horizons %s samples, grid %s, %d validation / "
                        + "%d test runs for the RNNs, seed %d; wall %.1f s.", cfg.rate().label,
                cfg.protocol().name().toLowerCase(Locale.ROOT), java.util.Arrays.toString(cfg.sequences()),
                java.util.Arrays.toString(cfg.horizons()), cfg.grid().name().toLowerCase(Locale.ROOT), cfg.valRuns(), cfg.testRuns(),
                cfg.seed(), wall));

        r.heading("Measured against published");
        boolean complete = cfg.sequences().length == 9 && cfg.horizons().length == cfg.rate().horizons().length;
        List<String> cats = new ArrayList<>();
        List<Double> measuredN = new ArrayList<>(), publishedN = new ArrayList<>(), measuredR = new ArrayList<>(), publishedR = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
            Aggregate a = Aggregate.of(e.getValue());
            double[] pub = complete ? Published.of(cfg.rate(), e.getKey()) : null;
            cats.add(e.getKey().title);
            measuredN.add(a.nrmse());
            measuredR.add(a.rmse());
            publishedN.add(pub == null ? 0.0 : pub[0]);
            publishedR.add(pub == null ? 0.0 : pub[1]);
            rows.add(List.of(e.getKey().title, f(a.nrmse()), pub == null ? "–" : f(pub[0]), f(a.rmse()), pub == null ? "–" : f(pub[1])));
        }
        if (!complete) {
            r.paragraph("The published figures are means over all 9 sequences and all horizons of the rate; this run covers "
                    + "fewer, so no published bars are drawn.");
        }
        Map<String, List<Double>> nBars = new LinkedHashMap<>();
        nBars.put("measured (" + cfg.protocol().name().toLowerCase(Locale.ROOT) + ")", measuredN);
        if (complete) nBars.put("published", publishedN);
        Map<String, List<Double>> rBars = new LinkedHashMap<>();
        rBars.put("measured (" + cfg.protocol().name().toLowerCase(Locale.ROOT) + ")", measuredR);
        if (complete) rBars.put("published", publishedR);
        r.html(HtmlReport.image(Charts.bars("nRMSE, mean over sequences and horizons", "nRMSE", cats, nBars, 800, 360), "nRMSE bars"));
        r.html(HtmlReport.image(Charts.bars("RMSE, mean over sequences and horizons", "RMSE (mm)", cats, rBars, 800, 360), "RMSE bars"));
        r.html(HtmlReport.table(List.of("method", "nRMSE measured", "nRMSE published", "RMSE mm measured", "RMSE mm published"), rows));

        r.heading("Error against horizon");
        Map<String, Charts.Line> byHorizon = new LinkedHashMap<>();
        for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
            TreeSet<Integer> hs = new TreeSet<>();
            e.getValue().forEach(c -> hs.add(c.horizon()));
            double[] x = new double[hs.size()], y = new double[hs.size()];
            int i = 0;
            for (int h : hs) {
                x[i] = h * period * 1000;
                y[i++] = e.getValue().stream().filter(c -> c.horizon() == h).mapToDouble(CellResult::nrmse)
                        .filter(Double::isFinite).average().orElse(Double.NaN);
            }
            byHorizon.put(e.getKey().title, new Charts.Line(x, y));
        }
        r.html(HtmlReport.image(Charts.lines("nRMSE against horizon (mean over sequences)", "horizon (ms)", "nRMSE", byHorizon,
                names, true, 900, 380), "nRMSE against horizon"));

        r.heading("Forecast against actual, per sequence");
        r.paragraph(String.format(Locale.ROOT, "The last %.0f s of each sequence's test window, on the value that moves most; each "
                + "method's test run 0 with its selected hyperparameters, drawn at the time each forecast is for.", WINDOW_SECONDS));
        Map<String, String> tabs = new LinkedHashMap<>();
        for (int h : tabHorizons(cfg.horizons())) {
            StringBuilder panel = new StringBuilder();
            for (int s : cfg.sequences()) panel.append(forecastChart(cfg, engine, results, s, h, period, names));
            tabs.put(String.format(Locale.ROOT, "h = %d (%.0f ms)", h, h * period * 1000), panel.toString());
        }
        r.tabs(tabs);
        return r.write(file);
    }

    /** At most {@link #MAX_HORIZON_TABS} horizons, spread from the shortest to the longest. */
    static int[] tabHorizons(int[] hs) {
        int[] sorted = hs.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length <= MAX_HORIZON_TABS) return sorted;
        TreeSet<Integer> pick = new TreeSet<>();
        for (int i = 0; i < MAX_HORIZON_TABS; i++) pick.add(sorted[Math.round((float) i * (sorted.length - 1) / (MAX_HORIZON_TABS - 1))]);
        return pick.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String forecastChart(ReproduceConfig cfg, ReproduceEngine engine, Map<Method, List<CellResult>> results, int seq,
                                        int h, double period, List<String> names) {
        MarkerSeries series = engine.series(seq);
        int T = series.length();
        int from = Math.max(cfg.rate().validationEnd + 1, T - (int) Math.round(WINDOW_SECONDS / period) + 1);
        List<double[]> rows = new ArrayList<>();
        for (int t = from; t <= T; t++) {
            double[] v = new double[MarkerSeries.DIM];
            for (int c = 0; c < v.length; c++) v[c] = series.at(t, c);
            rows.add(v);
        }
        int ch = mostMoving(rows);
        Map<String, Charts.Line> lines = new LinkedHashMap<>();
        double[] x = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = i * period;
            y[i] = rows.get(i)[ch];
        }
        lines.put("actual", new Charts.Line(x, y));
        for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
            CellResult cell = e.getValue().stream().filter(c -> c.sequence() == seq && c.horizon() == h).findFirst().orElse(null);
            if (cell == null) continue;
            List<double[]> pts = new ArrayList<>();
            engine.traceTestRun(cell, from, (t, v) -> pts.add(new double[] {(t - from) * period, v[ch]}));
            double[] px = new double[pts.size()], py = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                px[i] = pts.get(i)[0];
                py[i] = pts.get(i)[1];
            }
            lines.put(e.getKey().title, new Charts.Line(px, py));
        }
        byte[] png = Charts.lines(String.format(Locale.ROOT, "sequence %d: value %d, %d samples (%.0f ms) ahead", seq, ch, h, h * period * 1000),
                "time in the window (s)", "value (mm)", lines, names, false, 1000, 330);
        return HtmlReport.image(png, "sequence " + seq + " horizon " + h);
    }

    private static int mostMoving(List<double[]> rows) {
        int best = 0;
        double bestVar = -1;
        for (int c = 0; c < MarkerSeries.DIM; c++) {
            double mean = 0, m2 = 0;
            int n = 0;
            for (double[] r : rows) {
                n++;
                double d = r[c] - mean;
                mean += d / n;
                m2 += d * (r[c] - mean);
            }
            if (n > 1 && m2 / n > bestVar) {
                bestVar = m2 / n;
                best = c;
            }
        }
        return best;
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5f", v) : "–";
    }
}
