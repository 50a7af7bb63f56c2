package io.tidecast.jobs.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidecast.jobs.Cli;
import io.tidecast.jobs.report.ReportFiles;
import io.tidecast.learners.metrics.ErrorStats;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceReportTest {

    @Test
    void reproduceWritesASelfContainedReportWithThePlots(@TempDir Path out) throws Exception {
        int rc = Cli.commandLine().execute("reproduce", "--rate", "3.33", "--methods", "lms,ols", "--out", out.toString(),
                "--data", ReproduceAcceptanceTest.DATA.toString());
        assertThat(rc).isZero();
        Path report = out.resolve("report.html");
        List<BufferedImage> images = ReportFiles.selfContainedImages(report);
        // 2 bar charts (nRMSE, RMSE), error against horizon, 9 sequences x 4 horizon tabs
        assertThat(images).hasSize(2 + 1 + 9 * 4);
        for (BufferedImage i : images) assertThat(ReportFiles.colours(i)).as("a drawn chart").isGreaterThan(20);
        String html = Files.readString(report);
        assertThat(html).contains("published").contains("LMS").contains("OLS").contains("h = 1 (300 ms)").contains("h = 7 (2100 ms)");
        assertThat(html).contains("0.48934"); // the measured LMS nRMSE, as printed in the README
        Files.copy(report, Path.of("target", "reproduce-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING); // to look at
    }

    @Test
    void thePlottedForecastsAreTheMeasuredOnes() throws Exception {
        ReproduceConfig cfg = new ReproduceConfig(ReproduceAcceptanceTest.DATA, Rate.HZ_3_33, List.of(Method.LMS), new int[] {3},
                new int[] {5}, 1, 1, Protocol.CAUSAL, 0, Method.GridSize.FULL, 1);
        ReproduceEngine engine = new ReproduceEngine(cfg);
        Map<Method, List<CellResult>> results = engine.run(null);
        CellResult cell = results.get(Method.LMS).get(0);
        MarkerSeries s = engine.series(3);
        ErrorStats stats = new ErrorStats(OnlineRun.MARKERS);
        double[][] prev = {null};
        engine.traceTestRun(cell, Rate.HZ_3_33.validationEnd + 1, (t, v) -> {
            double[] y = new double[MarkerSeries.DIM];
            for (int c = 0; c < y.length; c++) y[c] = s.at(t, c);
            stats.add(y, v, prev[0]);
            prev[0] = v;
        });
        assertThat(stats.count()).isPositive();
        assertThat(stats.rmse()).isCloseTo(cell.test()[1], within(1e-9));
        assertThat(stats.nrmse()).isCloseTo(cell.nrmse(), within(1e-9));
    }
}
