package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.jobs.report.ReportFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tidecast demo` as a user runs it (in-process): real broker, MiniCluster, the bundled recordings. */
class DemoTest {

    @Test
    void theDemoForecastsEveryRecordingAndTheLearnersBeatTheBaseline(@TempDir Path out) throws Exception {
        int code = Cli.commandLine().execute("demo", "--speed", "max", "--data", "../data/extmarker", "--out", out.toString());
        assertThat(code).isZero();

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("streams").asInt()).isEqualTo(9);
        assertThat(summary.get("rejects").asLong()).isZero();
        JsonNode rows = summary.get("rows");
        assertThat(rows).hasSize(7 * 3); // 6 learners and the ensemble at 3 horizons
        Map<String, Double> nrmse = new HashMap<>();
        for (JsonNode r : rows) {
            if (r.get("model").asText().equals("ensemble")) {
                // Hedge's anytime bound with the h-step delayed losses, 2 sqrt(h T ln N) (see ReproduceEnsembleTest), for
                // the mean over keys: by concavity the mean of the per-key bounds is at most the bound at the mean T
                long steps = r.get("horizonMs").asLong() / 100;
                double t = r.get("count").asDouble() / r.get("keys").asInt();
                assertThat(r.get("regret").asDouble()).as("regret at %s", r.get("horizonMs")).isLessThanOrEqualTo(2 * Math.sqrt(steps * t * Math.log(6)));
                assertThat(r.get("regretPerStep").asDouble()).isLessThan(0.05);
            }
            for (String f : new String[] {"nrmse", "rmse", "mae", "maxError", "jitter"}) {
                assertThat(r.get(f).isNumber()).as(r + " " + f).isTrue();
                assertThat(r.get(f).asDouble()).as(r + " " + f).isFinite().isPositive();
            }
            assertThat(r.get("keys").asInt()).isEqualTo(9);
            nrmse.put(r.get("model").asText() + "@" + r.get("horizonMs").asLong(), r.get("nrmse").asDouble());
        }
        // causal learners at 0.5 s ahead must beat repeating the last sample
        double last = nrmse.get("last@500");
        assertThat(nrmse.get("rls@500")).isLessThan(0.7 * last);
        assertThat(nrmse.get("ridge@500")).isLessThan(0.7 * last);
        assertThat(nrmse.get("lms@500")).isLessThan(0.9 * last);
        assertThat(nrmse.get("nlms@500")).isLessThan(0.9 * last);
        // the ensemble is at least as accurate as the best single learner at every horizon, within 2 %
        for (long h : new long[] {100, 500, 1000}) {
            double best = nrmse.entrySet().stream().filter(e -> e.getKey().endsWith("@" + h) && !e.getKey().startsWith("ensemble"))
                    .mapToDouble(Map.Entry::getValue).min().orElseThrow();
            assertThat(nrmse.get("ensemble@" + h)).as("ensemble at %d ms", h).isLessThanOrEqualTo(1.02 * best);
        }
        // report.html: error against horizon (nRMSE, RMSE) and forecast against actual per recording and horizon, offline
        List<BufferedImage> images = ReportFiles.selfContainedImages(out.resolve("report.html"));
        assertThat(images).hasSize(2 + 9 * 3);
        for (BufferedImage i : images) assertThat(ReportFiles.colours(i)).as("a drawn chart").isGreaterThan(20);
        assertThat(Files.readString(out.resolve("report.html"))).contains(">100 ms</label>").contains(">1000 ms</label>")
                .contains("alt=\"seq1 100 ms\"").contains("alt=\"seq9 1000 ms\"");
        Files.copy(out.resolve("report.html"), Path.of("target", "demo-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // and physics: further ahead is harder
        assertThat(nrmse.get("rls@100")).isLessThan(nrmse.get("rls@500"));
        assertThat(nrmse.get("rls@500")).isLessThan(nrmse.get("rls@1000"));
    }
}
