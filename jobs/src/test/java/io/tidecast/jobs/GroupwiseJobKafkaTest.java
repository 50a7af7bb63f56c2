package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.json.GroupwiseCodec;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.groupwise.GroupwiseDataset;
import io.tidecast.jobs.groupwise.GroupwiseHarness;
import io.tidecast.jobs.groupwise.GroupwiseJob;
import io.tidecast.jobs.groupwise.Protocol;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.learners.groupwise.PublishedOrders;
import io.tidecast.operators.groupwise.GroupwiseConfig;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupPrediction;
import io.tidecast.records.GroupRecord;
import io.tidecast.records.Reject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The groupwise job on a real Kafka broker and MiniCluster gives, per group, exactly the numbers of the offline
 * harness on the same records in the same order (the medical-cost data, first published order, causal scaling);
 * corrupted records go to rejects with their reasons and do not disturb the rest.
 */
class GroupwiseJobKafkaTest {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    @Test
    void perGroupNumbersEqualTheOfflineHarness() throws Exception {
        GroupwiseDataset data = GroupwiseDataset.insurance(Path.of(".."));
        int[] order = PublishedOrders.permutation(PublishedOrders.SEEDS.get(0), data.rows());
        GroupwiseCodec codec = new GroupwiseCodec();
        List<GroupRecord> records = new ArrayList<>();
        List<byte[][]> kv = new ArrayList<>();
        byte[] key = "insurance".getBytes(StandardCharsets.UTF_8);
        String[] garbage = {
            "not json",
            "{\"key\":\"insurance\",\"ts\":1,\"features\":[1,2,3],\"indicators\":[],\"groups\":[]}",
            "{\"key\":\"insurance\",\"ts\":1,\"features\":[1,\"x\",3],\"target\":5}",
            "{\"key\":\"insurance\",\"ts\":1,\"features\":[1,2],\"indicators\":" + "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]" + ",\"target\":5}",
            "{\"key\":\"insurance\",\"ts\":1,\"features\":[1,2,3],\"target\":5,\"groups\":[\"smoker\",\"smoker\"]}",
        };
        for (int i = 0; i < order.length; i++) {
            GroupRecord r = data.record("insurance", order[i], i);
            records.add(r);
            kv.add(new byte[][] {key, codec.encode(r)});
            if (i % 250 == 100 && i / 250 < garbage.length) kv.add(new byte[][] {key, garbage[i / 250].getBytes(StandardCharsets.UTF_8)});
        }

        JobConfig cfg = JobConfig.defaults();
        cfg.kafka.bootstrap = kafka.bootstrapServers();
        cfg.job.name = "groupwise";
        cfg.job.transactionalIdPrefix = "groupwise";
        cfg.job.groupId = "groupwise";
        cfg.job.checkpointIntervalMs = 300;
        cfg.job.parallelism = 2;
        GroupwiseJob.Topics topics = GroupwiseJob.Topics.withPrefix("gw");
        kafka.createTopics(2, List.of(topics.all()));
        KafkaTestSupport.produce(kafka.bootstrapServers(), topics.records(), kv);
        GroupwiseConfig config = new GroupwiseConfig();
        config.metricsEvery = 400;
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "none");
        GroupwiseJob.start(cfg, topics, config, OffsetsInitializer.latest(), extra).getJobExecutionResult().get();

        List<GroupPrediction> predictions = KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topics.predictions()).stream()
                .map(r -> codec.decodePrediction(r.value())).toList();
        assertThat(predictions).hasSize(data.rows());
        assertThat(predictions).extracting(p -> p.ts).isSorted();

        List<GroupMetrics> all = KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topics.metrics()).stream()
                .map(r -> codec.decodeMetrics(r.value())).toList();
        assertThat(all.stream().filter(m -> !m.last).count()).isEqualTo(3L * 12); // after 400, 800, 1200 records
        Map<String, GroupMetrics> job = all.stream().filter(m -> m.last).collect(Collectors.toMap(m -> m.group, Function.identity()));
        Map<String, GroupMetrics> offline = GroupwiseHarness.runOrder(data, Protocol.CAUSAL, records, 1.0).stream()
                .collect(Collectors.toMap(m -> m.group, Function.identity()));
        assertThat(job.keySet()).containsExactlyInAnyOrderElementsOf(offline.keySet()).hasSize(12);
        for (String g : offline.keySet()) {
            assertThat(job.get(g)).as(g).usingRecursiveComparison().isEqualTo(offline.get(g));
        }
        assertThat(job.get("smoker").count).isEqualTo(274);
        assertThat(job.get("always_on").ours).isLessThan(job.get("always_on").baseline);

        SampleCodec rejectsCodec = new SampleCodec();
        List<Reject> rejects = KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topics.rejects()).stream()
                .map(r -> rejectsCodec.decodeReject(r.value())).toList();
        assertThat(rejects).extracting(r -> r.reason).containsExactlyInAnyOrder(
                "not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "'target' is missing",
                "'features' element 1 is not a number",
                "expected 3 features for this key, got 2",
                "'groups' lists 'smoker' twice");
    }
}
