package io.tidecast.connectors.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Kafka's default partitioning of a keyed record ({@code BuiltInPartitioner.partitionForKey}), computed here
 * so that the replayer can set the partition explicitly and predict the per-partition record counts.
 */
public final class KeyPartitioner {
    private KeyPartitioner() {}

    public static int partitionFor(byte[] keyBytes, int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("number of partitions must be positive: " + numPartitions);
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions;
    }

    public static int partitionFor(String key, int numPartitions) {
        return partitionFor(key.getBytes(StandardCharsets.UTF_8), numPartitions);
    }
}
