package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.connectors.json.DecisionCodec;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.jobs.config.DecideSettings;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.records.Decision;
import io.tidecast.records.Reject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision service on a real Kafka broker: requests → decisions → feedback → updated policy, exactly once. */
class DecideJobKafkaTest {
    static EmbeddedKafka kafka;
    static final DecisionCodec CODEC = new DecisionCodec();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Record timestamps: a synthetic clock a while in the past (the broker refuses timestamps far in the future). */
    static final long T0 = System.currentTimeMillis() - 600_000;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    static DecideSettings settings(String prefix, int parallelism) {
        DecideSettings s = DecideSettings.defaults();
        s.kafka.bootstrap = kafka.bootstrapServers();
        s.topics.requests = prefix + ".requests";
        s.topics.feedback = prefix + ".feedback";
        s.topics.decisions = prefix + ".decisions";
        s.topics.metrics = prefix + ".metrics";
        s.topics.rejects = prefix + ".rejects";
        s.job.name = s.job.transactionalIdPrefix = s.job.groupId = prefix;
        s.job.parallelism = parallelism;
        s.job.checkpointIntervalMs = 200;
        s.job.idleMs = 300;
        s.decide.feedbackTimeoutMs = 5_000;
        s.decide.retentionMs = 60_000;
        s.decide.metricsEvery = 1;
        s.decide.releaseAfterMs = 100;
        kafka.createTopics(2, s.topics.all());
        return s;
    }

    static void produce(String topic, List<Object[]> records) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Object[] r : records) {
                producer.send(new ProducerRecord<>(topic, null, (Long) r[0], ((String) r[1]).getBytes(StandardCharsets.UTF_8),
                        ((String) r[2]).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    static Object[] request(long ts, String key, String id) {
        return new Object[] {ts, key, "{\"key\":\"" + key + "\",\"requestId\":\"" + id + "\"}"};
    }

    static Object[] cost(long ts, String id, double cost) {
        return new Object[] {ts, id, "{\"requestId\":\"" + id + "\",\"cost\":" + cost + "}"};
    }

    static List<Reject> rejects(DecideSettings s) {
        SampleCodec c = new SampleCodec();
        return TopicReader.readAll(kafka.bootstrapServers(), s.topics.rejects).stream().map(r -> c.decodeReject(r.value())).toList();
    }

    static List<JsonNode> metrics(DecideSettings s) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : TopicReader.readAll(kafka.bootstrapServers(), s.topics.metrics)) out.add(JSON.readTree(r.value()));
        return out;
    }

    @Test
    void requestsGetDecisionsAndCostsSteerThePolicyWhileBadFeedbackIsRejected() throws Exception {
        DecideSettings s = settings("live", 2);
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "none");
        JobClient job = DecideJob.start(s, null, extra);
        Map<String, Decision> decisions = new HashMap<>();
        List<List<String>> armsByRound = new ArrayList<>();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), s.topics.decisions)) {
            for (int round = 0; round < 12; round++) {
                long ts = round < 11 ? T0 + 100L * round : T0 + 30_000; // the last round is far later: earlier rounds time out
                List<Object[]> reqs = new ArrayList<>();
                for (int i = 0; i < 20; i++) reqs.add(request(ts, "svc-1", "r" + round + "-" + i));
                if (round == 1) reqs.add(new Object[] {ts, "svc-1", "{\"key\":\"svc-1\",\"requestId\":"}); // poison pill
                produce(s.topics.requests, reqs);
                if (round == 11) produce(s.topics.feedback, List.<Object[]>of(cost(ts + 10, "r1-1", decisions.get("r1-1").arm.equals("c") ? 0 : 1)));
                List<String> arms = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String prefix = "r" + round + "-";
                while (arms.size() < 20) {
                    assertThat(System.nanoTime()).as("decisions of round " + round).isLessThan(deadline);
                    reader.poll(100, r -> {
                        Decision d = CODEC.decodeDecision(r.value());
                        assertThat(decisions.put(d.requestId, d)).as("one decision per request").isNull();
                        if (d.requestId.startsWith(prefix)) arms.add(d.arm);
                    });
                }
                armsByRound.add(arms);
                // the environment: arm c is free, a and b cost 1
                List<Object[]> costs = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String id = prefix + i;
                    if (round == 1 && i <= 1) continue;                 // r1-0 lost; r1-1 comes in the last round: late
                    double c = decisions.get(id).arm.equals("c") ? 0 : 1;
                    costs.add(cost(ts + 50, id, c));
                    if (round == 1 && i == 2) costs.add(cost(ts + 60, id, c)); // duplicate
                }
                if (round == 1) {
                    costs.add(cost(ts + 50, "never-requested", 1));
                    costs.add(new Object[] {ts + 50, "x", "{\"requestId\":\"r1-3\",\"cost\":\"cheap\"}"});
                }
                produce(s.topics.feedback, costs);
            }
            // wait until the last round's costs are in the metrics, and the two lost requests' timeouts (their event-time
            // timers fire when the last round's watermark arrives, which on a loaded machine can be after that record)
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (metrics(s).stream().noneMatch(m -> m.get("count").asLong() == 12 * 20 - 2)
                    || metrics(s).stream().noneMatch(m -> m.get("lost").asLong() == 2)) {
                assertThat(System.nanoTime()).as("metrics of every applied cost; rejects: " + rejects(s)).isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            job.cancel().get();
        }

        assertThat(decisions).hasSize(12 * 20);
        assertThat(decisions.values()).allSatisfy(d -> {
            assertThat(d.key).isEqualTo("svc-1");
            assertThat(d.arm).isIn("a", "b", "c");
            assertThat(d.probability).isGreaterThan(0).isLessThanOrEqualTo(1);
        });
        long firstRoundC = armsByRound.get(0).stream().filter("c"::equals).count();
        long lastRoundC = armsByRound.get(11).stream().filter("c"::equals).count();
        assertThat(firstRoundC).isLessThan(18); // uniform before any cost: about a third
        assertThat(lastRoundC).isGreaterThanOrEqualTo(18);

        List<String> reasons = rejects(s).stream().map(r -> r.reason).toList();
        assertThat(reasons).anyMatch(r -> r.startsWith("not valid JSON"));
        assertThat(reasons).contains("cost is not a number (found a string)");
        assertThat(reasons).contains("late feedback: cost stamped 29910 ms after its request, timeout is 5000 ms");
        assertThat(reasons).contains("duplicate feedback: requestId 'r1-2' already has a cost");
        assertThat(reasons).contains("unmatched feedback: no request with requestId 'never-requested' (never requested, or forgotten 65000 ms after its request)");
        assertThat(reasons).hasSize(5);

        List<JsonNode> m = metrics(s);
        JsonNode last = m.stream().max(java.util.Comparator.comparingLong(x -> x.get("count").asLong())).orElseThrow();
        assertThat(last.get("kind").asText()).isEqualTo("decision");
        assertThat(last.get("decisions").asLong()).isEqualTo(240);
        assertThat(last.get("late").asLong()).isEqualTo(1);
        assertThat(last.get("duplicate").asLong()).isEqualTo(1);
        assertThat(m.stream().mapToLong(x -> x.get("lost").asLong()).max().orElseThrow()).isEqualTo(2); // r1-0 and r1-1
        assertThat(last.get("bestModel").asText()).isEqualTo("c");
        assertThat(last.get("windowCostPerStep").asDouble()).isLessThan(0.5);
    }

    @Test
    void theSameTopicsGiveTheSameDecisionsAtAnyParallelism() throws Exception {
        List<Object[]> reqs = new ArrayList<>();
        List<Object[]> costs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long ts = T0 + 20L * i;
            String key = "k" + (i % 3);
            reqs.add(request(ts, key, "q" + i));
            // costs arrive 30-70 ms after their request, interleaved with later requests; they do not depend on the arm
            costs.add(cost(ts + 30 + (i * 7919L) % 40, "q" + i, ((i * 31L) % 10) / 10.0));
        }
        costs.sort(java.util.Comparator.comparingLong(r -> (Long) r[0]));
        Map<Integer, Map<String, String>> byParallelism = new TreeMap<>();
        for (int parallelism : new int[] {1, 2}) {
            DecideSettings s = settings("det" + parallelism, parallelism);
            produce(s.topics.requests, reqs);
            produce(s.topics.feedback, costs);
            Configuration extra = new Configuration();
            extra.setString("restart-strategy.type", "none");
            DecideJob.start(s, OffsetsInitializer.latest(), extra).getJobExecutionResult().get();
            byParallelism.put(parallelism, TopicReader.readAll(kafka.bootstrapServers(), s.topics.decisions).stream()
                    .map(r -> CODEC.decodeDecision(r.value()))
                    .collect(Collectors.toMap(d -> d.requestId, d -> d.arm + "@" + d.probability)));
            assertThat(rejects(s)).isEmpty();
        }
        assertThat(byParallelism.get(1)).hasSize(300);
        assertThat(byParallelism.get(2)).isEqualTo(byParallelism.get(1));
    }
}
