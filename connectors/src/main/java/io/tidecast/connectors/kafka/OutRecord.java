package io.tidecast.connectors.kafka;

/** An encoded output record and the topic it goes to, so that one transactional sink serves every output topic. */
public final class OutRecord {
    public String topic;
    public byte[] key;
    public byte[] value;

    public OutRecord() {}

    public OutRecord(String topic, byte[] key, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }
}
