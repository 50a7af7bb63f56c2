package io.tidecast.connectors.replay;

import static io.tidecast.connectors.replay.ReplayPlanTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.records.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The send path against Kafka's in-memory MockProducer: no broker. */
class ReplayerTest {
    private final List<Sample> samples = List.of(s("seq2", 10_000), s("seq1", 0), s("seq2", 10_100), s("seq1", 100),
            s("seq3", 7), s("seq1", 250));

    @Test
    void sendsJsonKeyedRecordsToTheDefaultPartitionInPlanOrder() {
        MockProducer<byte[], byte[]> producer = producer(true);
        long[] progress = new long[2];
        long sent = new Replayer(producer, "tidecast.samples").partitions(3)
                .progress((n, total) -> { progress[0] = n; progress[1] = total; })
                .replay(samples);
        assertThat(sent).isEqualTo(6);
        assertThat(progress).containsExactly(6, 6);
        List<ProducerRecord<byte[], byte[]>> history = producer.history();
        SampleCodec codec = new SampleCodec();
        List<String> order = new ArrayList<>();
        long[] perPartition = new long[3];
        for (ProducerRecord<byte[], byte[]> r : history) {
            Sample s = codec.decode(r.value(), null);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.key);
            assertThat(r.topic()).isEqualTo("tidecast.samples");
            assertThat(r.partition()).isEqualTo(KeyPartitioner.partitionFor(s.key, 3));
            assertThat(r.timestamp()).isNull();
            perPartition[r.partition()]++;
            order.add(s.key + "@" + s.ts);
        }
        assertThat(order).containsExactly("seq1@0", "seq2@10000", "seq3@7", "seq1@100", "seq2@10100", "seq1@250");
        assertThat(perPartition).containsExactly(Replayer.expectedEndOffsets(samples, 3));
        assertThat(producer.flushed()).isTrue();
        assertThat(producer.closed()).isFalse(); // the caller's producer stays open
    }

    @Test
    void pacesEachRecordAtItsRelativeTimeOverSpeed() {
        List<Long> dues = new ArrayList<>();
        new Replayer(producer(true), "t").partitions(1).speed(ReplaySpeed.factor(2)).pacer(dues::add).replay(samples);
        assertThat(dues).containsExactly(0L, 0L, 0L, 50_000_000L, 50_000_000L, 125_000_000L);
    }

    @Test
    void realClockPacingTakesAboutTheScaledDuration() {
        List<Sample> in = List.of(s("a", 0), s("a", 200), s("b", 0), s("b", 400));
        long start = System.nanoTime();
        new Replayer(producer(true), "t").partitions(2).speed(ReplaySpeed.factor(4)).replay(in);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(95L, 2000L); // 400 ms of event time at 4x = 100 ms
    }

    @Test
    void reportsProgressAlongTheWayAndOnceComplete() {
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(s("k" + (i % 4), i * 10L));
        }
        List<long[]> calls = new ArrayList<>();
        new Replayer(producer(true), "t").partitions(2).progress((n, t) -> calls.add(new long[] {n, t})).replay(many);
        assertThat(calls).hasSizeGreaterThan(10);
        assertThat(calls.get(calls.size() - 1)).containsExactly(1000, 1000);
        assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(1000));
    }

    @Test
    void anAsynchronousSendFailureStopsTheReplayWithTheRecordInTheMessage() {
        MockProducer<byte[], byte[]> producer = producer(false);
        Replayer replayer = new Replayer(producer, "t").partitions(1).pacer(due -> {
            if (producer.history().size() == 2) {
                producer.errorNext(new KafkaException("broker on fire"));
            }
        });
        assertThatThrownBy(() -> replayer.replay(samples)).isInstanceOf(ReplayException.class)
                .hasMessageContaining("sample seq1@0 to t-0").hasMessageContaining("broker on fire");
    }

    @Test
    void aSynchronousSendFailureIsWrapped() {
        MockProducer<byte[], byte[]> producer = producer(true);
        producer.sendException = new KafkaException("buffer exhausted");
        assertThatThrownBy(() -> new Replayer(producer, "t").partitions(1).replay(samples))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("could not send sample seq1@0 to t-0").hasMessageContaining("buffer exhausted");
    }

    @Test
    void aFlushFailureIsWrapped() {
        MockProducer<byte[], byte[]> producer = producer(true);
        producer.flushException = new KafkaException("flush timed out");
        assertThatThrownBy(() -> new Replayer(producer, "t").partitions(1).replay(samples))
                .isInstanceOf(ReplayException.class).hasMessageContaining("flush timed out");
    }

    @Test
    void interruptionStopsTheReplayAndKeepsTheInterruptFlag() {
        Replayer replayer = new Replayer(producer(true), "t").partitions(1).pacer(due -> {
            throw new InterruptedException();
        });
        assertThatThrownBy(() -> replayer.replay(samples)).isInstanceOf(ReplayException.class)
                .hasMessage("replay interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
