package io.tidecast.bench.pipeline;

import io.tidecast.connectors.json.SampleCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} reader of the forecasts topic, as a downstream consumer sees it: counts the forecasts,
 * notes when each batch became readable, and (latency runs) the time from each sample's hand-over to Kafka to its
 * forecast being readable.
 */
final class OutputWatcher implements Runnable {
    /**
     * (nanoTime, forecasts readable so far, this JVM's CPU nanos so far, epoch ms, its JIT compiler threads' CPU nanos
     * so far or -1) after every poll that returned records.
     */
    final List<long[]> progress = new ArrayList<>();
    /** Microseconds from a sample's send to its forecast being read; one value per forecast. */
    final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);

    private final String bootstrap;
    private final String topic;
    private final long expected;
    private final LoadProducer clock;
    private final long[] sentNanos;
    private final long from;
    private final long to;
    private final long measureFrom;
    private JitCpu jit;
    private volatile boolean stop;
    private volatile long count;
    private volatile Throwable failure;
    /** With {@link #recordSamples}: per timed forecast, the epoch ms it became readable and its latency in µs. */
    private long[] sampleReadableMs = new long[0];
    private int[] sampleLatencyMicros = new int[0];
    private int samples;
    private boolean recordSamples;

    /**
     * @param sentNanos null for a throughput run; else send times of samples {@code from..to-1} (layout of
     *                  {@link LoadProducer#paced}); forecasts of samples before {@code measureFrom} are not timed
     */
    OutputWatcher(String bootstrap, String topic, long expected, LoadProducer clock, long[] sentNanos, long from, long to,
                  long measureFrom) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.expected = expected;
        this.clock = clock;
        this.sentNanos = sentNanos;
        this.from = from;
        this.to = to;
        this.measureFrom = measureFrom;
    }

    /** Also note the JIT compiler threads' CPU time after every poll (for {@link #jitShare}). */
    OutputWatcher meterJit(JitCpu meter) {
        jit = meter;
        return this;
    }

    /** Keep every timed forecast's readable instant and latency (for {@link #writeSamples}), not only the histogram. */
    OutputWatcher recordSamples() {
        recordSamples = true;
        return this;
    }

    /** CSV of the timed forecasts: epoch ms when readable, latency in µs; in the order they were read. */
    void writeSamples(java.nio.file.Path file) throws java.io.IOException {
        try (var w = java.nio.file.Files.newBufferedWriter(file)) {
            w.write("readable_epoch_ms,latency_us\n");
            for (int i = 0; i < samples; i++) w.write(sampleReadableMs[i] + "," + sampleLatencyMicros[i] + "\n");
        }
    }

    long count() {
        return count;
    }

    Throwable failure() {
        return failure;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "10000");
        p.put("fetch.max.wait.ms", "5"); // a consumer that waits for full fetches would add its own latency
        SampleCodec codec = new SampleCodec();
        long span = to - from;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long n = 0;
            while (!stop && n < expected) {
                ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(20));
                if (rs.isEmpty()) continue;
                long now = System.nanoTime();
                long epochMs = System.currentTimeMillis();
                if (sentNanos != null) {
                    for (ConsumerRecord<byte[], byte[]> r : rs) {
                        // the reader shares the machine with the job: the message key and the leading ts are all it
                        // needs, not a full decode of every forecast
                        long i = clock.index(codec.peekTimestamp(r.value()));
                        if (i < measureFrom || i >= to) continue;
                        long sent = sentNanos[(int) (LoadProducer.keyIndex(r.key()) * span + (i - from))];
                        long micros = Math.max(0, (now - sent) / 1000);
                        latencyMicros.recordValue(micros);
                        if (recordSamples) record(epochMs, micros);
                    }
                }
                n += rs.count();
                count = n;
                double jitNanos = jit == null ? Double.NaN : jit.nanos();
                progress.add(new long[] {now, n, processCpuNanos(), epochMs, Double.isNaN(jitNanos) ? -1 : (long) jitNanos});
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * Every committed record in {@code topic}, read from the beginning by a fresh {@code read_committed} consumer up to
     * the last stable offset of each partition: after a bounded job has finished, exactly what it wrote, whatever a
     * watcher that stops at its expected count saw (a topic shared with another run, or duplicates, would show here).
     */
    static long countCommitted(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "10000");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts); // under read_committed: the last stable offsets
            long n = 0;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end within 120 s");
                n += c.poll(Duration.ofMillis(100)).count();
            }
            return n;
        }
    }

    private void record(long epochMs, long micros) {
        if (samples == sampleReadableMs.length) {
            int grown = Math.max(1024, samples * 2);
            sampleReadableMs = java.util.Arrays.copyOf(sampleReadableMs, grown);
            sampleLatencyMicros = java.util.Arrays.copyOf(sampleLatencyMicros, grown);
        }
        sampleReadableMs[samples] = epochMs;
        sampleLatencyMicros[samples++] = (int) Math.min(Integer.MAX_VALUE, micros);
    }

    /**
     * Forecasts per second between two readability events: the first at or after {@code lo} of the expected
     * forecasts and the last before {@code hi}, so that start-up, warm-up and the final commit stay outside.
     * Both ends are commit instants under exactly-once, so the checkpoint cadence does not bias the rate.
     */
    double rate(double lo, double hi) {
        long[][] ab = window(lo, hi);
        return ab == null ? Double.NaN : (ab[1][1] - ab[0][1]) / ((ab[1][0] - ab[0][0]) / 1e9);
    }

    /** CPU nanoseconds of the whole JVM (job, broker, this reader) per forecast, over the window of {@link #rate}. */
    double cpuNanosPerForecast(double lo, double hi) {
        long[][] ab = window(lo, hi);
        return ab == null ? Double.NaN : (ab[1][2] - ab[0][2]) / (double) (ab[1][1] - ab[0][1]);
    }

    /** Seconds between the two readability events of the window of {@link #rate} (NaN if there is none). */
    double windowSeconds(double lo, double hi) {
        long[][] ab = window(lo, hi);
        return ab == null ? Double.NaN : (ab[1][0] - ab[0][0]) / 1e9;
    }

    /** Epoch ms at which the first output became readable, or -1 if none did. */
    long firstReadableEpochMs() {
        return progress.isEmpty() ? -1 : progress.get(0)[3];
    }

    /** The JIT compiler threads' share of this JVM's CPU time over the window of {@link #rate} (NaN if not metered). */
    double jitShare(double lo, double hi) {
        long[][] ab = window(lo, hi);
        if (ab == null || ab[0][4] < 0 || ab[1][4] < 0 || ab[1][2] <= ab[0][2]) return Double.NaN;
        return (ab[1][4] - ab[0][4]) / (double) (ab[1][2] - ab[0][2]);
    }

    /** JIT compiler CPU nanoseconds per forecast over the window of {@link #rate} (NaN if not metered). */
    double jitNanosPerForecast(double lo, double hi) {
        long[][] ab = window(lo, hi);
        if (ab == null || ab[0][4] < 0 || ab[1][4] < 0) return Double.NaN;
        return (ab[1][4] - ab[0][4]) / (double) (ab[1][1] - ab[0][1]);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long[][] window(double lo, double hi) {
        long[] a = null;
        long[] b = null;
        for (long[] e : progress) {
            if (a == null && e[1] >= lo * expected) a = e;
            if (e[1] <= hi * expected) b = e;
        }
        if (a == null || b == null || b[0] <= a[0]) {
            if (progress.size() < 2) return null;
            a = progress.get(0);
            b = progress.get(progress.size() - 1);
        }
        return b[0] <= a[0] ? null : new long[][] {a, b};
    }
}
