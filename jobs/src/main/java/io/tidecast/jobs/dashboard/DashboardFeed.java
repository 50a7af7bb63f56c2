package io.tidecast.jobs.dashboard;

import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.jobs.config.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link DashboardState} from the four Tidecast topics with one {@code read_committed} consumer (what any
 * downstream reader sees), without a consumer group: it assigns every partition itself and picks up topics that
 * appear later. A record it cannot decode is skipped (the job itself reports bad samples on the rejects topic).
 */
final class DashboardFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    enum Start { EARLIEST, LATEST }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JobConfig.Topics topics;
    private final DashboardState state;
    private final Start start;
    private final Thread thread;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running = true;
    private volatile long undecodable;

    DashboardFeed(String bootstrap, Map<String, String> client, JobConfig.Topics topics, DashboardState state, Start start) {
        Properties p = new Properties();
        if (client != null) p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("client.id", "tidecast-dashboard");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.state = state;
        this.start = start;
        thread = new Thread(this::loop, "dashboard-feed");
        thread.setDaemon(true);
    }

    DashboardFeed startFeeding() {
        thread.start();
        return this;
    }

    long undecodable() {
        return undecodable;
    }

    private void loop() {
        SampleCodec codec = new SampleCodec();
        long nextTopicCheck = 0;
        try {
            while (running) {
                if (assigned.size() == 0 || (System.nanoTime() > nextTopicCheck && missingTopics())) {
                    assignNewPartitions();
                    nextTopicCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    if (assigned.isEmpty()) {
                        Thread.sleep(500);
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) deliver(codec, r);
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("dashboard feed stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean missingTopics() {
        Set<String> have = new HashSet<>();
        for (TopicPartition tp : assigned) have.add(tp.topic());
        return !have.containsAll(topics.all());
    }

    private void assignNewPartitions() {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(5));
        List<TopicPartition> fresh = new ArrayList<>();
        for (String t : topics.all()) {
            for (PartitionInfo i : existing.getOrDefault(t, List.of())) {
                TopicPartition tp = new TopicPartition(t, i.partition());
                if (assigned.add(tp)) fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) return;
        consumer.assign(new ArrayList<>(assigned));
        if (start == Start.EARLIEST) consumer.seekToBeginning(fresh);
        else consumer.seekToEnd(fresh);
    }

    private void deliver(SampleCodec codec, ConsumerRecord<byte[], byte[]> r) {
        try {
            String t = r.topic();
            if (t.equals(topics.samples)) state.onSample(codec.decode(r.value(), null));
            else if (t.equals(topics.forecasts)) state.onForecast(codec.decodeForecast(r.value()));
            else if (t.equals(topics.metrics)) state.onMetrics(codec.decodeMetrics(r.value()));
            else if (t.equals(topics.rejects)) state.onReject(codec.decodeReject(r.value()));
        } catch (RejectedRecordException | java.io.UncheckedIOException | IllegalArgumentException e) {
            undecodable++;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
