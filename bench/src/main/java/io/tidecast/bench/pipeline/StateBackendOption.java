package io.tidecast.bench.pipeline;

import org.apache.flink.configuration.Configuration;

/** {@code --state hashmap|rocksdb}: the keyed state backend of a run (RocksDB with incremental checkpoints). */
final class StateBackendOption {
    private StateBackendOption() {}

    static void apply(Configuration conf, String backend) {
        switch (backend) {
            case "hashmap" -> conf.setString("state.backend.type", "hashmap");
            case "rocksdb" -> {
                conf.setString("state.backend.type", "rocksdb");
                conf.setString("execution.checkpointing.incremental", "true");
            }
            default -> throw new IllegalArgumentException("--state must be hashmap or rocksdb, not '" + backend + "'");
        }
    }
}
