package io.tidecast.connectors.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Routes each {@link OutRecord} to its own topic, keyed by stream key so a key's outputs stay in order.
 *
 * <p>The Kafka record timestamp is left to the producer (the time of writing), not the sample's event time
 * (which is in the JSON): the broker refuses records stamped too far in the future, which would fail the job
 * on one odd sample, and deletes records stamped in the past (a replayed 2012 recording) at its next
 * time-based retention check.
 */
public final class OutRecordSerializer implements KafkaRecordSerializationSchema<OutRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutRecord r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(r.topic, null, null, r.key, r.value);
    }
}
