package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.connectors.extmarker.ExtMarkerReader;
import io.tidecast.connectors.extmarker.Recording;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.connectors.replay.ReplaySpeed;
import io.tidecast.connectors.replay.Replayer;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.records.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** `tidecast replay` on a real broker: every sample arrives, in order per key, where the plan said. */
class ReplayKafkaTest {

    @Test
    void replaysTheBundledRecordingsIntoTheTopicThePlanPredicts() throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (Recording r : ExtMarkerReader.read(Path.of("../data/extmarker"))) samples.addAll(r.samples());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(3, List.of("replayed"));
            long sent;
            try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), "replayed")) {
                sent = replayer.speed(ReplaySpeed.MAX).replay(samples);
            }
            assertThat(sent).isEqualTo(samples.size());

            long[] planned = Replayer.expectedEndOffsets(samples, 3);
            var props = new java.util.Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = List.of(new TopicPartition("replayed", 0), new TopicPartition("replayed", 1),
                        new TopicPartition("replayed", 2));
                Map<TopicPartition, Long> end = consumer.endOffsets(parts);
                for (int p = 0; p < 3; p++) assertThat(end.get(parts.get(p))).as("partition %d", p).isEqualTo(planned[p]);
            }

            SampleCodec codec = new SampleCodec();
            List<ConsumerRecord<byte[], byte[]>> records = KafkaTestSupport.readCommitted(kafka.bootstrapServers(), "replayed");
            Map<String, List<Sample>> got = records.stream().map(r -> codec.decode(r.value(), null))
                    .collect(Collectors.groupingBy(s -> s.key, Collectors.toList()));
            Map<String, List<Sample>> want = samples.stream().collect(Collectors.groupingBy(s -> s.key, Collectors.toList()));
            assertThat(got.keySet()).isEqualTo(want.keySet());
            want.forEach((key, list) -> assertThat(got.get(key)).as(key).containsExactlyElementsOf(list));
        }
    }
}
