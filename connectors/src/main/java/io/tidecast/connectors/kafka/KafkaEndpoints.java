package io.tidecast.connectors.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** Builds the Kafka source of samples and the one Kafka sink of all outputs. */
public final class KafkaEndpoints {
    private KafkaEndpoints() {}

    /**
     * @param stopAt null for an unbounded source; otherwise where a bounded run stops (e.g. the latest offsets
     *               at start, or offsets known from a replay plan)
     * @param client extra Kafka client settings (security, timeouts), passed through unchanged
     */
    public static KafkaSource<RawRecord> source(String bootstrap, String topic, String groupId, OffsetsInitializer startAt,
                                                OffsetsInitializer stopAt, Map<String, String> client) {
        var b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(startAt)
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000");
        client.forEach(b::setProperty);
        if (stopAt != null) b.setBounded(stopAt);
        return b.build();
    }

    /**
     * One sink for forecasts, metrics and rejects. With {@code exactlyOnce} the outputs are written in Kafka
     * transactions committed on checkpoints, so {@code read_committed} readers see each output once.
     */
    public static KafkaSink<OutRecord> sink(String bootstrap, boolean exactlyOnce, String transactionalIdPrefix,
                                            Map<String, String> client) {
        return sink(bootstrap, exactlyOnce, transactionalIdPrefix, DEFAULT_LINGER_MS, client);
    }

    /** The sink's {@code linger.ms} unless said otherwise: a few ms of batching at little latency. */
    public static final long DEFAULT_LINGER_MS = 5;

    /** @param lingerMs the producer's {@code linger.ms}: how long an output may wait for its batch to fill */
    public static KafkaSink<OutRecord> sink(String bootstrap, boolean exactlyOnce, String transactionalIdPrefix, long lingerMs,
                                            Map<String, String> client) {
        Properties p = new Properties();
        // the sink's default (1 h) exceeds the broker's transaction.max.timeout.ms (15 min) and is refused; 1 min was
        // too short on a saturated machine: a slow checkpoint outlived its transactions, the broker aborted them and
        // the commit failed (InvalidTxnStateException) with the outputs lost. Lingering transactions of a failed job
        // are aborted by the sink on restore, so a long timeout does not block readers after recovery.
        p.setProperty("transaction.timeout.ms", "600000");
        p.setProperty("linger.ms", Long.toString(lingerMs));
        // 16 KB batches (the default) are ~60 forecasts: at 100k forecasts/s the producer and the broker spent their
        // time on per-batch work; a batch still leaves after linger.ms, so latency is unchanged
        p.setProperty("batch.size", "262144");
        client.forEach(p::setProperty);
        return KafkaSink.<OutRecord>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(p)
                .setRecordSerializer(new OutRecordSerializer())
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
