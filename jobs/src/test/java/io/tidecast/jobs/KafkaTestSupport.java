package io.tidecast.jobs;

import io.tidecast.jobs.runtime.TopicReader;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: what an independent producer and a read_committed reader see. */
final class KafkaTestSupport {
    private KafkaTestSupport() {}

    static void produce(String bootstrap, String topic, List<byte[][]> keyValues) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] kv : keyValues) producer.send(new ProducerRecord<>(topic, kv[0], kv[1])).get();
        }
    }

    /** Every committed record of a topic, as a read_committed reader sees it. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return TopicReader.readAll(bootstrap, topic);
    }
}
