package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.LocalFlink;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The pipeline with its source and sink as parameters (no Kafka): determinism across parallelism. */
class ForecastPipelineTest {

    static List<RawRecord> input() {
        SampleCodec codec = new SampleCodec();
        List<RawRecord> raw = new ArrayList<>();
        long offset = 0;
        for (int n = 0; n < 120; n++) {
            for (String key : List.of("k1", "k2", "k3", "k4", "k5")) {
                double[] v = new double[3];
                for (int c = 0; c < 3; c++) v[c] = Math.sin(n / (7.0 + key.charAt(1)) + c) * (10 + c) + 0.01 * ((n * 31 + c) % 7);
                raw.add(new RawRecord("samples", 0, offset++, key.getBytes(StandardCharsets.UTF_8), codec.encode(new Sample(key, 1_000L + 100L * n, v))));
            }
        }
        raw.add(new RawRecord("samples", 0, offset, null, "{broken".getBytes(StandardCharsets.UTF_8)));
        return raw;
    }

    static List<String> run(int parallelism) throws Exception {
        JobConfig cfg = JobConfig.defaults();
        cfg.forecast.warmupSamples = 30;
        cfg.forecast.paneSamples = 25;
        Configuration conf = LocalFlink.configuration(parallelism);
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DataStream<RawRecord> source = env.fromData(TypeInformation.of(RawRecord.class), input().toArray(RawRecord[]::new))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(ForecastPipeline.eventTime(Duration.ZERO, cfg.inputLimits())).setParallelism(1);
        DataStream<OutRecord> out = ForecastPipeline.build(source, cfg.forecastConfig(), cfg.topics, cfg.inputLimits()).all();
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<OutRecord> it = out.executeAndCollect()) {
            it.forEachRemaining(r -> lines.add(r.topic + " " + new String(r.value, StandardCharsets.UTF_8)));
        }
        lines.sort(null);
        return lines;
    }

    @Test
    void outputsAreBitIdenticalAtParallelismOneAndTwo() throws Exception {
        List<String> one = run(1);
        List<String> two = run(2);
        // 5 keys x (6 learners + the ensemble) x 3 horizons x (120 - 30 + 1) forecasts, plus metrics and the one reject
        assertThat(one.stream().filter(l -> l.startsWith("tidecast.forecasts ")).count()).isEqualTo(5L * 7 * 3 * 91);
        assertThat(one.stream().filter(l -> l.startsWith("tidecast.rejects ")).count()).isEqualTo(1);
        assertThat(one.stream().filter(l -> l.startsWith("tidecast.metrics ") && l.contains("\"last\":true")).count())
                .isEqualTo(5L * 7 * 3 * 2);
        assertThat(two).containsExactlyElementsOf(one);
    }
}
