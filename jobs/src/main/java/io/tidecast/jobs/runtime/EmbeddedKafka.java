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
    private final Properties props;
    private final String bootstrap;
    private final String saslBootstrap;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dir, Properties props, String bootstrap, String saslBootstrap) {
        this.dir = dir;
        this.props = props;
        this.bootstrap = bootstrap;
        this.saslBootstrap = saslBootstrap;
    }

    public static EmbeddedKafka start() {
        return start(Map.of(), Duration.ofSeconds(90));
    }

    /** Starts a broker; {@code overrides} are extra broker settings. Returns once it serves metadata. */
    public static EmbeddedKafka start(Map<String, String> overrides, Duration readyTimeout) {
        return start(overrides, null, readyTimeout);
    }

    /**
     * A broker with a second listener, {@code SASL_PLAINTEXT} with the PLAIN mechanism, that admits exactly
     * {@code users} (name → password); {@link #saslBootstrapServers()} is its address. The plaintext listener stays
     * for the broker itself and for test tooling.
     */
    public static EmbeddedKafka startWithSasl(Map<String, String> users) {
        return start(Map.of(), users, Duration.ofSeconds(90));
    }

    private static EmbeddedKafka start(Map<String, String> overrides, Map<String, String> saslUsers, Duration readyTimeout) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tidecast-kafka-");
            int brokerPort = freeLoopbackPort();
            int controllerPort = freeLoopbackPort();
            int saslPort = saslUsers == null ? -1 : freeLoopbackPort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort
                    + (saslUsers == null ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort));
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
                    + (saslUsers == null ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort));
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
            if (saslUsers != null) {
                p.put("sasl.enabled.mechanisms", "PLAIN");
                StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
                saslUsers.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
                p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
            }
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
            EmbeddedKafka k = new EmbeddedKafka(dir, p, "127.0.0.1:" + brokerPort, saslUsers == null ? null : "127.0.0.1:" + saslPort);
            k.startServer(readyTimeout);
            return k;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private synchronized void startServer(Duration readyTimeout) {
        server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        awaitReady(readyTimeout);
    }

    /**
     * Stops the broker as a crash of its machine would look to clients (connections drop), keeping its ports and
     * data so that {@link #restart} brings the same broker back.
     */
    public synchronized void stop() {
        if (server == null) return;
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Starts the stopped broker again on the same ports with the same data (topics, offsets, transactions). */
    public synchronized void restart() {
        if (closed) throw new IllegalStateException("the broker is closed");
        if (server == null) startServer(Duration.ofSeconds(90));
    }

    /** The SASL_PLAINTEXT listener's address, for brokers started with {@link #startWithSasl}. */
    public String saslBootstrapServers() {
        if (saslBootstrap == null) throw new IllegalStateException("this broker has no SASL listener");
        return saslBootstrap;
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
            stop();
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
