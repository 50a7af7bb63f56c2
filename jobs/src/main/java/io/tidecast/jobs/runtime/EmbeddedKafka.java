package io.tidecast.jobs.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) inside this JVM, bound to
 * 127.0.0.1 only, on free ports, with its data in a temporary directory that is removed on close.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Map<String, String> extra;
    private boolean closed;

    private EmbeddedKafka(Path dir, KafkaRaftServer server, String bootstrap, Map<String, String> extra) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
        this.extra = extra;
    }

    public static EmbeddedKafka start() {
        return start(Map.of(), Duration.ofSeconds(90));
    }

    /** Starts a broker; {@code overrides} are extra broker settings. Returns once it serves metadata. */
    public static EmbeddedKafka start(Map<String, String> overrides, Duration readyTimeout) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tidecast-kafka-");
            int brokerPort = freeLoopbackPort();
            int controllerPort = freeLoopbackPort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", dir.resolve("data").toString());
            // one node: internal topics must not wait for replicas that will never exist
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.put("num.partitions", "2");
            p.put("log.flush.interval.messages", "9223372036854775807");
            p.putAll(overrides);
            Path cfg = dir.resolve("server.properties");
            try (OutputStream os = Files.newOutputStream(cfg)) {
                p.store(os, "tidecast embedded broker");
            }
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", cfg.toString()},
                    new PrintStream(OutputStream.nullOutputStream()));
            if (rc != 0) throw new IllegalStateException("formatting the broker's storage failed with code " + rc);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
            server.startup();
            EmbeddedKafka k = new EmbeddedKafka(dir, server, "127.0.0.1:" + brokerPort, Map.of());
            k.awaitReady(readyTimeout);
            return k;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates topics (ignoring ones that exist) and waits until they are usable. */
    public void createTopics(int partitions, Collection<String> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> t = topics.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            try {
                admin.createTopics(t).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            // a new topic's metadata reaches the broker's cache a moment after creation (long on a loaded machine)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin.describeTopics(topics).allTopicNames().get();
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) return;
                } catch (ExecutionException e) {
                    // not serving yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("the embedded Kafka broker did not become ready within " + timeout.toSeconds() + " s");
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // a temp dir left behind is not worth failing a shutdown for
        }
    }
}
