package io.tidecast.connectors.replay;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer side of {@code tidecast replay}: sends samples of several keys to a topic in the order and at the
 * pace of {@link ReplayPlan} (all keys start together; relative time t is due t/speed after the start).
 *
 * <p>Records are JSON ({@link SampleCodec}), keyed by the UTF-8 stream key, and sent to the partition Kafka's
 * default partitioner would choose ({@link KeyPartitioner}), set explicitly so that
 * {@link #expectedEndOffsets} predicts the end offsets of a fresh topic whatever partitioner the producer has.
 * The Kafka record timestamp is left to the producer (wall clock): the event time travels in the JSON, and
 * 2012 record timestamps would make the broker's time-based retention delete the data.
 *
 * <p>Not thread-safe. A send failure stops the replay with a {@link ReplayException}; records already handed to
 * the producer may or may not have been written.
 */
public final class Replayer implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final boolean ownsProducer;
    private final String topic;
    private final SampleCodec codec = new SampleCodec();
    private ReplaySpeed speed = ReplaySpeed.MAX;
    private ReplayProgress progress = ReplayProgress.NONE;
    private Pacer pacer;
    private int partitions = -1;

    /** Replays through a producer that the caller configured (idempotent, byte[] serializers) and will close. */
    public Replayer(Producer<byte[], byte[]> producer, String topic) {
        this(producer, false, topic);
    }

    private Replayer(Producer<byte[], byte[]> producer, boolean ownsProducer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownsProducer = ownsProducer;
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Replays through its own idempotent producer (acks=all), closed by {@link #close()}. */
    public static Replayer connect(String bootstrapServers, String topic) {
        return new Replayer(new KafkaProducer<>(producerConfig(bootstrapServers)), true, topic);
    }

    /** The configuration {@link #connect} uses: idempotent, acks=all, byte[] key and value, some batching. */
    public static Properties producerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "tidecast-replay");
        return p;
    }

    public Replayer speed(ReplaySpeed speed) {
        this.speed = Objects.requireNonNull(speed);
        return this;
    }

    public Replayer progress(ReplayProgress progress) {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }

    /** The topic's partition count; by default asked from the producer's metadata at the start of a replay. */
    public Replayer partitions(int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("number of partitions must be positive: " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /** Replaces the wall clock (tests). */
    Replayer pacer(Pacer pacer) {
        this.pacer = pacer;
        return this;
    }

    /**
     * Sends all samples, paced, then flushes; returns the number of records written.
     *
     * @throws ReplayException when a record cannot be sent or the replay is interrupted
     */
    public long replay(Collection<? extends Sample> samples) {
        List<ScheduledSample> plan = ReplayPlan.of(samples);
        int numPartitions = partitions > 0 ? partitions : producer.partitionsFor(topic).size();
        Pacer clock = pacer != null ? pacer : Pacer.systemClock();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long total = plan.size();
        long every = Math.max(1, total / 200);
        long sent = 0;
        for (ScheduledSample next : plan) {
            throwIfFailed(failure);
            await(clock, speed.dueNanos(next.relativeMs()));
            Sample s = next.sample();
            byte[] key = s.key.getBytes(StandardCharsets.UTF_8);
            int partition = KeyPartitioner.partitionFor(key, numPartitions);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, codec.encode(s));
            try {
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, new Exception(describe(s, partition), e));
                    }
                });
            } catch (RuntimeException e) {
                throw new ReplayException("could not send " + describe(s, partition) + ": " + e.getMessage(), e);
            }
            sent++;
            if (sent % every == 0 && sent < total) {
                progress.onProgress(sent, total);
            }
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw new ReplayException("flushing the replay to " + topic + " failed: " + e.getMessage(), e);
        }
        throwIfFailed(failure);
        progress.onProgress(sent, total);
        return sent;
    }

    /**
     * Records per partition that {@link #replay} writes into a fresh topic of {@code numPartitions} partitions,
     * i.e. its end offsets afterwards (index = partition).
     */
    public static long[] expectedEndOffsets(Collection<? extends Sample> samples, int numPartitions) {
        long[] counts = new long[numPartitions];
        for (Sample s : samples) {
            counts[KeyPartitioner.partitionFor(s.key, numPartitions)]++;
        }
        return counts;
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close();
        }
    }

    private static void await(Pacer clock, long dueNanos) {
        try {
            clock.awaitNanos(dueNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("replay interrupted", e);
        }
    }

    private void throwIfFailed(AtomicReference<Exception> failure) {
        Exception f = failure.get();
        if (f != null) {
            Throwable cause = f.getCause();
            throw new ReplayException("sending " + f.getMessage() + " failed: " + cause, cause);
        }
    }

    private String describe(Sample s, int partition) {
        return "sample " + s.key + "@" + s.ts + " to " + topic + "-" + partition;
    }
}
