package io.tidecast.jobs.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its beginning as a {@code read_committed} consumer: what a downstream reader sees. */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private long count;

    public TopicReader(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once for at most {@code millis} ms and hands each record to {@code sink}. */
    public void poll(long millis, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(millis))) {
            count++;
            sink.accept(r);
        }
    }

    public long count() {
        return count;
    }

    /** Polls until the reader has passed the topic's current end offsets (the last stable offsets). */
    public void drain(Consumer<ConsumerRecord<byte[], byte[]>> sink, Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + partitions + " to the end in " + timeout);
            poll(200, sink);
        }
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (TopicReader r = new TopicReader(bootstrap, topic)) {
            r.drain(all::add, Duration.ofSeconds(60));
        }
        return all;
    }

    public static long count(String bootstrap, String topic) {
        try (TopicReader r = new TopicReader(bootstrap, topic)) {
            r.drain(x -> {}, Duration.ofSeconds(60));
            return r.count();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
