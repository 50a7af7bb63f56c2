package io.tidecast.jobs.relax;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidecast.connectors.relax.RelaxSystemCodec;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.learners.relax.RelaxInstances;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.ShiftSetting;
import io.tidecast.learners.relax.Sor;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.operators.RelaxFunction;
import io.tidecast.records.RelaxSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The service on a real broker: systems in, one result per system (with x when asked) and rejects with reasons out. */
class RelaxServiceKafkaTest {

    @Test
    void systemsFromKafkaAreSolvedAndMalformedOnesRejected() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String systems = "rx.systems", results = "rx.results", rejects = "rx.rejects";
            kafka.createTopics(2, List.of(systems, results, rejects));
            RelaxSystemCodec codec = new RelaxSystemCodec();
            RelaxInstances gen = new RelaxInstances(ShiftSetting.LOW, 1);
            List<byte[][]> records = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                for (String sim : new String[] {"sim-a", "sim-b"}) {
                    RelaxInstances.Instance in = gen.instance(sim.equals("sim-a") ? 0 : 1, t);
                    SparseSystem.Csr c = in.a().toCsr();
                    RelaxSystem s = new RelaxSystem(sim, t, in.c(), 100, c.rowPtr(), c.col(), c.val(), in.b(), Double.NaN, t == 5);
                    records.add(new byte[][] {sim.getBytes(StandardCharsets.UTF_8), codec.encode(s)});
                }
            }
            records.add(new byte[][] {"sim-a".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)});
            records.add(new byte[][] {"sim-b".getBytes(StandardCharsets.UTF_8),
                    "{\"A\":{\"rows\":2,\"cols\":3,\"rowPtr\":[0,1,2],\"col\":[0,1],\"val\":[1,1]},\"b\":[1,1]}".getBytes(StandardCharsets.UTF_8)});
            records.add(new byte[][] {"sim-b".getBytes(StandardCharsets.UTF_8),
                    "{\"A\":{\"rows\":2,\"cols\":2,\"rowPtr\":[0,2,4],\"col\":[0,1,0,1],\"val\":[1,2,2,1]},\"b\":[1,1]}".getBytes(StandardCharsets.UTF_8)});
            produce(kafka.bootstrapServers(), systems, records);

            var settings = new RelaxService.Settings(kafka.bootstrapServers(), systems, results, rejects, "rx", "rx", 2, 300, true);
            var cfg = new RelaxFunction.Config(List.of(RelaxPolicy.CHEBCB, RelaxPolicy.TSALLIS_INF), 0, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP, 0);
            RelaxService.start(settings, cfg, OffsetsInitializer.latest()).getJobExecutionResult().get();

            List<JsonNode> res = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(kafka.bootstrapServers(), results)) res.add(codec.parse(r.value()));
            assertThat(res).hasSize(2 * 6 * 2);
            for (JsonNode r : res) {
                assertThat(r.get("cost").asInt()).isBetween(1, 10_000);
                assertThat(r.get("omega").asDouble()).isBetween(1.0, 1.95 + 1e-12);
                assertThat(r.get("grid")).hasSize(20);
                assertThat(r.get("regretInstanceOptimal").asDouble()).isGreaterThanOrEqualTo(-50.0 * (r.get("seq").asInt() + 1));
                boolean first = r.get("policy").asText().equals("chebcb");
                assertThat(r.has("x")).isEqualTo(first && r.get("seq").asInt() == 5);
            }
            // per key, the cumulative cost adds up the costs in sequence order: one learner per key, in order
            for (String sim : new String[] {"sim-a", "sim-b"}) {
                List<JsonNode> mine = res.stream().filter(r -> r.get("key").asText().equals(sim) && r.get("policy").asText().equals("chebcb"))
                        .sorted(java.util.Comparator.comparingInt(r -> r.get("seq").asInt())).toList();
                assertThat(mine).hasSize(6);
                double cum = 0;
                for (JsonNode r : mine) {
                    cum += r.get("cost").asInt();
                    assertThat(r.get("cumulativeCost").asDouble()).isEqualTo(cum);
                }
            }
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(kafka.bootstrapServers(), rejects)) {
                reasons.add(codec.parse(r.value()).get("reason").asText());
            }
            assertThat(reasons).hasSize(3);
            assertThat(reasons).anyMatch(s -> s.startsWith("not JSON"));
            assertThat(reasons).anyMatch(s -> s.startsWith("not square"));
            assertThat(reasons).anyMatch(s -> s.startsWith("non-convergent"));
        }
    }

    static void produce(String bootstrap, String topic, List<byte[][]> kvs) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] kv : kvs) producer.send(new ProducerRecord<>(topic, kv[0], kv[1])).get();
        }
    }
}
