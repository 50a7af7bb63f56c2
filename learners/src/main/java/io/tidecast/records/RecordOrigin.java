package io.tidecast.records;

/** Coordinates of a source record (Kafka topic, partition, offset, or a file and line for replays). */
public final class RecordOrigin {
    public String topic;
    public int partition;
    public long offset;

    public RecordOrigin() {}

    public RecordOrigin(String topic, int partition, long offset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
