package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.config.JobConfig;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The Kafka job's graph: every output is written by a sink chained to the operator that emits it. */
class ForecastJobGraphTest {
    @Test
    void sinksAreChainedToTheOperatorsThatFeedThem() {
        JobConfig cfg = JobConfig.defaults();
        cfg.kafka.bootstrap = "localhost:9"; // the graph only; nothing connects
        StreamExecutionEnvironment env = ForecastJob.environment(cfg, new Configuration());
        ForecastJob.define(env, cfg, null);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<String> vertices = StreamSupport.stream(graph.getVertices().spliterator(), false).map(JobVertex::getName).toList();

        // one task reads, decodes and writes the undecodable records; one forecasts and writes its outputs: a forecast
        // crosses no network channel between the forecast operator and the Kafka producer
        assertThat(vertices).as("job vertices").hasSize(2);
        assertThat(vertices).anySatisfy(v -> assertThat(v).startsWith("forecast").contains("kafka outputs"));
        assertThat(vertices).anySatisfy(v -> assertThat(v).contains("decode samples").contains("kafka decode rejects"));
    }
}
