package io.tidecast.jobs.report;

import io.tidecast.jobs.DemoSummary;
import io.tidecast.records.Forecast;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.html} of {@code tidecast demo}: forecast against actual per recording and horizon, error against horizon. */
public final class DemoReport {
    public static final double WINDOW_SECONDS = 30;

    private DemoReport() {}

    public static Path write(Path file, String about, ForecastWindows windows, DemoSummary summary, List<String> models,
                             List<Long> horizons) throws IOException {
        HtmlReport r = new HtmlReport("Tidecast demo report");
        r.paragraph(about);
        r.heading("Error against horizon");
        r.paragraph("nRMSE per model (mean over streams of each stream's since-start figure): 1 is as good as always "
                + "forecasting the mean, lower is better.");
        Map<String, Charts.Line> nrmse = new LinkedHashMap<>();
        Map<String, Charts.Line> rmse = new LinkedHashMap<>();
        for (String m : models) {
            double[] x = new double[horizons.size()], y = new double[horizons.size()], z = new double[horizons.size()];
            int n = 0;
            for (long h : horizons) {
                DemoSummary.Row row = summary.row(m, h);
                if (row == null) continue;
                x[n] = h;
                y[n] = row.nrmse();
                z[n++] = row.rmse();
            }
            nrmse.put(m, new Charts.Line(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)));
            rmse.put(m, new Charts.Line(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(z, n)));
        }
        r.html(HtmlReport.image(Charts.lines("nRMSE against horizon", "horizon (ms)", "nRMSE", nrmse, models, true, 900, 380),
                "nRMSE against horizon per model"));
        r.html(HtmlReport.image(Charts.lines("RMSE against horizon", "horizon (ms)", "RMSE (mm)", rmse, models, true, 900, 380),
                "RMSE against horizon per model"));
        List<List<String>> rows = new ArrayList<>();
        for (String m : models) {
            List<String> row = new ArrayList<>(List.of(m));
            for (long h : horizons) {
                DemoSummary.Row s = summary.row(m, h);
                row.add(s == null ? "–" : String.format(Locale.ROOT, "%.4f", s.nrmse()));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("nRMSE"));
        for (long h : horizons) header.add(h + " ms");
        r.html(HtmlReport.table(header, rows));

        r.heading("Forecast against actual, per recording");
        r.paragraph(String.format(Locale.ROOT, "The last %.0f s of each recording, on the value that moves most; every forecast is "
                + "drawn at the time it is for, so a perfect forecast lies on the black line. Choose the horizon:", WINDOW_SECONDS));
        Map<String, String> tabs = new LinkedHashMap<>();
        for (long h : horizons) {
            StringBuilder panel = new StringBuilder();
            for (String key : windows.keys()) {
                panel.append(HtmlReport.image(forecastChart(windows, key, h, models), key + " " + h + " ms"));
            }
            tabs.put(h + " ms", panel.toString());
        }
        r.tabs(tabs);
        return r.write(file);
    }

    static byte[] forecastChart(ForecastWindows w, String key, long horizon, List<String> models) {
        List<Sample> samples = w.samples(key);
        int ch = Channels.mostMoving(samples.stream().map(s -> s.values).toList());
        long t0 = w.start(key);
        Map<String, Charts.Line> series = new LinkedHashMap<>();
        series.put("actual", line(samples.stream().map(s -> new double[] {(s.ts - t0) / 1000.0, s.values[ch]}).toList()));
        for (String m : models) {
            List<double[]> pts = new ArrayList<>();
            for (Forecast f : w.forecasts(key)) {
                if (f.horizonMs == horizon && f.model.equals(m)) pts.add(new double[] {(f.targetTs - t0) / 1000.0, f.values[ch]});
            }
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            series.put(m, line(pts));
        }
        return Charts.lines(key + ": value " + ch + ", " + horizon + " ms ahead", "time in the window (s)", "value (mm)", series,
                models, false, 1000, 330);
    }

    static Charts.Line line(List<double[]> pts) {
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Charts.Line(x, y);
    }
}
