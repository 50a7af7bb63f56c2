package io.tidecast.jobs.cli;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.connectors.replay.ReplaySpeed;
import io.tidecast.connectors.replay.Replayer;
import io.tidecast.jobs.DemoSummary;
import io.tidecast.jobs.ForecastJob;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.dashboard.Dashboard;
import io.tidecast.jobs.report.DemoReport;
import io.tidecast.jobs.report.ForecastWindows;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything on this machine: a Kafka broker and a Flink MiniCluster (both embedded), the bundled "
                + "ExtMarker recordings replayed into Kafka, the forecasting job, and a summary table at the end.",
        footer = {"", "Examples:",
                "  tidecast demo                          # about a minute; writes tidecast-out/summary.json",
                "  tidecast demo --speed max --out /tmp/run1",
                "  tidecast demo --speed 1                # real time (the longest recording is 320 s)",
                "  tidecast demo --config my.yaml --horizons 100,300,500",
                "  tidecast demo --dashboard --keep-running   # live charts at http://127.0.0.1:8088/ during and after the replay",
                "", "Data: ExtMarker, Krilavicius et al. 2013/2015, redistributed by Pohl et al. 2022, CC BY 4.0."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--speed", defaultValue = "10", paramLabel = "FACTOR|max",
            description = "Replay speed, times real time, or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--out", defaultValue = "tidecast-out", paramLabel = "DIR",
            description = "Where summary.json and report.html (plots, opens offline) go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "N", description = "Partitions of the samples topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    SampleSources sources;

    @Mixin
    JobOptions options;

    @Mixin
    DashboardOptions dashboard;

    @Option(names = "--keep-running", description = "After the replay, keep the broker and the dashboard (started on its "
            + "default port if --dashboard is not given) serving until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        ReplaySpeed pace = ReplayCommand.parseSpeed(speed);
        if (partitions < 1) throw new UserError("--partitions must be at least 1");
        JobConfig cfg = options.resolve();
        List<Sample> samples = sources.load();
        List<String> keys = samples.stream().map(s -> s.key).distinct().toList();
        cfg.forecastConfig();
        long started = System.nanoTime();
        System.out.println("Tidecast demo: " + samples.size() + " samples of " + keys.size() + " streams from " + sources.path());
        System.out.println("models " + cfg.forecastConfig().modelNames() + " at horizons " + cfg.forecast.horizonsMs + " ms");
        System.out.println("starting an embedded Kafka broker and Flink MiniCluster...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            cfg.kafka.bootstrap = kafka.bootstrapServers();
            kafka.createTopics(partitions, List.of(cfg.topics.samples));
            kafka.createTopics(Math.max(1, cfg.job.parallelism), List.of(cfg.topics.forecasts, cfg.topics.metrics, cfg.topics.rejects));
            System.out.println("Kafka at " + kafka.bootstrapServers() + "; topics " + cfg.topics.all());
            try (Dashboard live = dashboard.startIfRequested(cfg, keepRunning)) {
                int rc = replayAndForecast(cfg, kafka, pace, samples, keys, started);
                if (keepRunning && !Thread.currentThread().isInterrupted()) {
                    System.out.println("replay done; still serving the dashboard at " + live.url() + " and Kafka at "
                            + kafka.bootstrapServers() + ". Press Ctrl-C to stop.");
                    System.out.flush();
                    UntilStopped.await();
                }
                return rc;
            }
        }
    }

    private int replayAndForecast(JobConfig cfg, EmbeddedKafka kafka, ReplaySpeed pace, List<Sample> samples, List<String> keys,
                                  long started) throws Exception {
        // the replay's plan says exactly how many records each partition will hold, so the job can stop there
        long[] end = Replayer.expectedEndOffsets(samples, partitions);
        Map<TopicPartition, Long> stop = new HashMap<>();
        for (int p = 0; p < end.length; p++) stop.put(new TopicPartition(cfg.topics.samples, p), end[p]);
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "none");
        JobClient job = ForecastJob.start(cfg, OffsetsInitializer.offsets(stop), extra);
        io.tidecast.jobs.metrics.PrometheusSettings.of(cfg).announce(System.out);

        AtomicLong sent = new AtomicLong();
        CompletableFuture<Long> replay = CompletableFuture.supplyAsync(() -> {
            try (Replayer r = Replayer.connect(kafka.bootstrapServers(), cfg.topics.samples)) {
                return r.speed(pace).partitions(partitions).progress((s, t) -> sent.set(s)).replay(samples);
            }
        });
        long expectedForecasts = (long) cfg.forecastConfig().modelNames().size() * cfg.forecast.horizonsMs.size()
                * Math.max(0, samples.size() - (long) keys.size() * (cfg.forecast.warmupSamples - 1));
        try (TopicReader forecasts = new TopicReader(kafka.bootstrapServers(), cfg.topics.forecasts);
             Progress progress = new Progress("replay " + pace, samples.size())) {
            CompletableFuture<?> done = job.getJobExecutionResult();
            while (!done.isDone()) {
                forecasts.poll(200, r -> {});
                progress.update(sent.get(), "forecasts committed " + forecasts.count() + "/" + expectedForecasts);
            }
            forecasts.poll(0, r -> {});
            progress.update(sent.get(), "forecasts committed " + forecasts.count() + "/" + expectedForecasts);
            done.get();
        }
        replay.get(10, TimeUnit.SECONDS);

        SampleCodec codec = new SampleCodec();
        List<MetricsRecord> metrics = TopicReader.readAll(kafka.bootstrapServers(), cfg.topics.metrics).stream()
                .map(r -> codec.decodeMetrics(r.value())).toList();
        ForecastWindows windows = new ForecastWindows(samples, DemoReport.WINDOW_SECONDS);
        long forecastCount;
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), cfg.topics.forecasts)) {
            reader.drain(r -> windows.offer(codec.decodeForecast(r.value())), Duration.ofSeconds(120));
            forecastCount = reader.count();
        }
        long rejectCount = TopicReader.count(kafka.bootstrapServers(), cfg.topics.rejects);
        DemoSummary summary = DemoSummary.of(metrics, cfg.forecastConfig().modelNames());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        System.out.printf("Forecast errors on %d streams (causal: every learner learns only from targets that have arrived; "
                + "mean over streams, mm)%n", keys.size());
        summary.print(System.out);
        summary.printEnsembles(System.out, cfg.forecastConfig().ensembles());
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("data", sources.path().toString());
        about.put("streams", keys.size());
        about.put("samples", samples.size());
        about.put("forecasts", forecastCount);
        about.put("rejects", rejectCount);
        about.put("warmupSamples", cfg.forecast.warmupSamples);
        about.put("samplePeriodMs", cfg.forecast.samplePeriodMs);
        about.put("learners", cfg.forecast.learners);
        about.put("speed", pace.toString());
        about.put("elapsedSeconds", Math.round(seconds * 10) / 10.0);
        Path file = summary.write(out, about);
        Path report = DemoReport.write(out.resolve("report.html"), String.format(java.util.Locale.ROOT,
                "%d streams, %d samples from %s, replayed at %s; %d forecasts and %d rejects committed; models %s at horizons %s ms; "
                        + "warm-up %d samples per stream; every learner causal.", keys.size(), samples.size(), sources.path(), pace,
                forecastCount, rejectCount, cfg.forecastConfig().modelNames(), cfg.forecast.horizonsMs, cfg.forecast.warmupSamples),
                windows, summary, cfg.forecastConfig().modelNames(), cfg.forecast.horizonsMs);
        System.out.printf("%n%d forecasts and %d rejects committed in %.1f s; summary written to %s, plots to %s%n", forecastCount,
                rejectCount, seconds, file, report);
        if (forecastCount != expectedForecasts) {
            System.err.println("demo: expected " + expectedForecasts + " forecasts but " + forecastCount + " were committed");
            return 1;
        }
        return 0;
    }
}
