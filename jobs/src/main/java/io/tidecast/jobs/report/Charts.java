package io.tidecast.jobs.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for the reports (XChart, drawn headless). */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One colour per series name, the same in every chart of a report: the actual signal is black. */
    private static final Color[] PALETTE = {new Color(0xe6194b), new Color(0x3cb44b), new Color(0x4363d8), new Color(0xf58231),
            new Color(0x911eb4), new Color(0x42d4f4), new Color(0xf032e6), new Color(0x9a6324), new Color(0x808000),
            new Color(0x000075), new Color(0xa9a9a9)};

    private Charts() {}

    /** A line series: x and y of equal length. */
    public record Line(double[] x, double[] y) {}

    /**
     * Lines, one per entry; a series named {@code actual} is drawn thick and black. {@code markers}: dots on the
     * points (for few points, e.g. error against horizon).
     */
    public static byte[] lines(String title, String xTitle, String yTitle, Map<String, Line> series, List<String> colourOrder,
                               boolean markers, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setXAxisDecimalPattern("#.##");
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        for (Map.Entry<String, Line> e : series.entrySet()) {
            if (e.getValue().x().length == 0) continue;
            XYSeries s = c.addSeries(e.getKey(), e.getValue().x(), e.getValue().y());
            s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            boolean actual = e.getKey().equals("actual");
            s.setLineColor(actual ? Color.BLACK : colour(e.getKey(), colourOrder));
            if (markers) s.setMarkerColor(s.getLineColor());
            s.setLineWidth(actual ? 2.5f : 1.2f);
        }
        return png(c);
    }

    /** Grouped bars: one group per category, one bar per series. */
    public static byte[] bars(String title, String yTitle, List<String> categories, Map<String, List<Double>> series, int width, int height) {
        CategoryChart c = new CategoryChartBuilder().width(width).height(height).title(title).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFontColorAutomaticEnabled(false);
        c.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        c.getStyler().setLabelsPosition(0.9);
        c.getStyler().setDecimalPattern("#.###");
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            c.addSeries(e.getKey(), categories, e.getValue()).setFillColor(i++ == 0 ? new Color(0x4363d8) : new Color(0xa9a9a9));
        }
        return png(c);
    }

    private static Color colour(String name, List<String> order) {
        int i = order.indexOf(name);
        return PALETTE[Math.floorMod(i < 0 ? name.hashCode() : i, PALETTE.length)];
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
