package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.metrics.PrometheusSettings;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curl 127.0.0.1:PORT/metrics} during a run on the MiniCluster (as {@code tidecast run} and {@code demo} start
 * it) lists Tidecast's gauges with the values the run has reached, and Flink's own checkpoint figures; the endpoint
 * listens on the loopback interface only.
 */
class PrometheusMetricsTest {
    static final String OP = "flink_taskmanager_job_task_operator_tidecast_";

    @Test
    void theRunsPrometheusEndpointListsTidecastsGauges(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            JobConfig cfg = JobConfig.load(Files.writeString(tmp.resolve("prom.yaml"), DurableRunTest.yaml("prom") + "prometheus: {port: '0'}\n"));
            cfg.kafka.bootstrap = b;
            kafka.createTopics(2, cfg.topics.all());
            List<byte[][]> records = new ArrayList<>(DurableRunTest.samples(0, 120));
            records.add(new byte[][] {"m1".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8)});
            records.add(new byte[][] {"m9".getBytes(StandardCharsets.UTF_8), "{\"key\":\"m9\",\"values\":[1.0]}".getBytes(StandardCharsets.UTF_8)});
            KafkaTestSupport.produce(b, cfg.topics.samples, records);

            Configuration none = new Configuration();
            none.setString("restart-strategy.type", "none");
            JobClient job = ForecastJob.start(cfg, null, none);
            PrometheusSettings prom = PrometheusSettings.of(cfg);
            try {
                assertThat(prom.enabled()).isTrue();
                long deadline = System.currentTimeMillis() + 90_000;
                String text = "";
                // 3 keys x 120 samples decoded; 3 keys x 81 warm samples x (3 learners + ensemble) x 2 horizons forecast
                while (sum(text, OP + "samplesIn") < 360 || sum(text, OP + "forecastsOut") < 3 * 81 * 4 * 2
                        || sum(text, OP + "metricsOut") == 0) {
                    assertThat(System.currentTimeMillis()).as("metrics reached the run's figures; last scrape:%n%s", text).isLessThan(deadline);
                    Thread.sleep(300);
                    text = scrape(prom.url());
                }
                assertThat(sum(text, OP + "samplesIn")).isEqualTo(360);
                assertThat(sum(text, OP + "forecastsOut")).isEqualTo(3 * 81 * 4 * 2);
                assertThat(value(text, OP + "reason_rejects", "reason=\"not_json\"")).isEqualTo(1);
                assertThat(value(text, OP + "reason_rejects", "reason=\"missing_field\"")).isEqualTo(1);
                assertThat(value(text, OP + "reason_rejects", "reason=\"timestamp_order\"")).isZero();
                assertThat(value(text, OP + "model_learnerResets", "model=\"rls\"")).isZero();
                // every key emitted total metrics at sample 100 (paneSamples 50): a finite mean per model and horizon
                for (String model : List.of("last", "rls", "lms", "ensemble")) {
                    for (String h : List.of("100", "500")) {
                        double nrmse = value(text, OP + "model_horizonMs_meanNrmse", "model=\"" + model + "\"", "horizonMs=\"" + h + "\"");
                        assertThat(nrmse).as("%s at %s ms", model, h).isFinite().isPositive();
                    }
                }
                assertThat(text).contains("flink_jobmanager_job_lastCheckpointDuration", "flink_taskmanager_job_task_operator_numRecordsIn");
                assertLoopbackOnly(prom.port());
                // the Grafana dashboard of docker-compose.yml charts metrics that exist
                String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "dashboards", "tidecast.json"));
                Matcher used = Pattern.compile("flink_[a-zA-Z_]+").matcher(dashboard);
                int charted = 0;
                while (used.find()) {
                    assertThat(text).as("dashboard metric %s", used.group()).contains(used.group());
                    charted++;
                }
                assertThat(charted).isGreaterThanOrEqualTo(8);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Nothing answers on the machine's other addresses. */
    static void assertLoopbackOnly(int port) throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a.isLoopbackAddress() || a.isLinkLocalAddress()) continue;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, port), 1000);
                    throw new AssertionError("Prometheus endpoint reachable on " + a + ":" + port);
                } catch (IOException expected) {
                    // refused: only loopback listens
                }
            }
        }
    }

    static String scrape(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The sum over all series (subtasks) of a metric. */
    static double sum(String text, String metric) {
        double s = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*\\} (\\S+)$").matcher(text);
        while (m.find()) s += Double.parseDouble(m.group(1));
        return s;
    }

    /** The sum over the series of a metric whose labels contain all of {@code labels}; NaN series count as absent. */
    static double value(String text, String metric, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        Optional<Double> total = Optional.empty();
        double sum = 0;
        int n = 0;
        while (m.find()) {
            boolean all = true;
            for (String l : labels) all &= m.group(1).contains(l);
            if (!all) continue;
            double v = Double.parseDouble(m.group(2));
            if (Double.isNaN(v)) continue;
            sum += v;
            n++;
            total = Optional.of(sum);
        }
        assertThat(n).as("series %s%s", metric, java.util.Arrays.toString(labels)).isPositive();
        return metric.endsWith("meanNrmse") ? sum / n : total.orElse(0.0);
    }
}
