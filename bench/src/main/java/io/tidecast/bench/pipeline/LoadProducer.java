package io.tidecast.bench.pipeline;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the bench's samples to Kafka: as fast as possible (throughput runs, all keys in time order), or paced at
 * the keys' rate with the keys spread evenly over each sampling period (latency runs: independent sensors are not
 * synchronised), remembering when each sample was handed to Kafka.
 */
final class LoadProducer implements AutoCloseable {
    /** Event time of sample 0. */
    static final long T0 = 1_700_000_000_000L;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final LoadSignal signal;
    private final double rateHz;
    private final String[] keys;
    private final byte[][] keyBytes;
    private final SampleCodec codec = new SampleCodec();
    private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

    LoadProducer(String bootstrap, String topic, LoadSignal signal, int keys, double rateHz) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "0"); // latency runs: a sample leaves when it is due
        p.put("batch.size", "65536");
        // Not idempotent: filling a topic at full speed, the idempotent producer (Kafka 4.2 client and broker) fell
        // into an endless OUT_OF_ORDER_SEQUENCE_NUMBER retry (incoming sequence 0 against 98,799) and the bench hung.
        // One request in flight keeps the order without it; the single loopback broker loses no acknowledgements.
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("acks", "1");
        // a saturated machine answers slowly: wait rather than retry and duplicate
        p.put("request.timeout.ms", "300000");
        p.put("delivery.timeout.ms", "900000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.signal = signal;
        this.rateHz = rateHz;
        this.keys = new String[keys];
        this.keyBytes = new byte[keys][];
        for (int k = 0; k < keys; k++) {
            this.keys[k] = key(k);
            this.keyBytes[k] = this.keys[k].getBytes(StandardCharsets.UTF_8);
        }
    }

    static String key(int k) {
        return String.format("k%06d", k);
    }

    static int keyIndex(String key) {
        return Integer.parseInt(key, 1, key.length(), 10);
    }

    /** {@link #keyIndex(String)} of a Kafka message key (ASCII {@code k} and digits). */
    static int keyIndex(byte[] key) {
        int k = 0;
        for (int i = 1; i < key.length; i++) {
            int d = key[i] - '0';
            if (d < 0 || d > 9) throw new IllegalArgumentException("not a bench key: " + new String(key, StandardCharsets.UTF_8));
            k = k * 10 + d;
        }
        return k;
    }

    long ts(long i) {
        return T0 + Math.round(i * 1000.0 / rateHz);
    }

    long index(long ts) {
        return Math.round((ts - T0) * rateHz / 1000.0);
    }

    private void send(int k, long i) {
        byte[] value = codec.encode(new Sample(keys[k], ts(i), signal.values(k, i)));
        producer.send(new ProducerRecord<>(topic, keyBytes[k], value), (md, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        });
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive) of every key, time-major, unpaced. */
    void burst(long from, long to) {
        for (long i = from; i < to; i++) {
            for (int k = 0; k < keys.length; k++) send(k, i);
        }
        flush();
    }

    /**
     * Samples {@code from} to {@code to} at the keys' rate; sample i of key k is due at
     * {@code start + (i - from + k / keys) / rate}. {@code sentNanos[k * (to - from) + (i - from)]} gets the
     * {@link System#nanoTime()} at which it was handed to the producer.
     */
    void paced(long from, long to, long[] sentNanos) {
        int n = keys.length;
        long span = to - from;
        double periodNs = 1e9 / rateHz;
        long start = System.nanoTime();
        for (long i = from; i < to; i++) {
            for (int k = 0; k < n; k++) {
                long due = start + (long) (((i - from) + (double) k / n) * periodNs);
                long wait = due - System.nanoTime();
                if (wait > 200_000) LockSupport.parkNanos(wait);
                sentNanos[(int) (k * span + (i - from))] = System.nanoTime();
                send(k, i);
            }
        }
        flush();
    }

    /** Waits for every sample to be written; a sample that could not be makes the counts meaningless: fail. */
    private void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) throw new IllegalStateException("the bench could not write its samples to Kafka: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        producer.close();
    }
}
