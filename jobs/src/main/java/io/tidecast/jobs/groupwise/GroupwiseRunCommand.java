package io.tidecast.jobs.groupwise;

import io.tidecast.connectors.json.GroupwiseCodec;
import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.TopicReader;
import io.tidecast.learners.groupwise.PublishedOrders;
import io.tidecast.operators.groupwise.GroupwiseConfig;
import io.tidecast.records.GroupMetrics;
import io.tidecast.records.GroupRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "groupwise-run", mixinStandardHelpOptions = true,
        description = "Run the groupwise-regret job against Kafka: records (PREFIX.records) in, per-record predictions"
                + " (PREFIX.predictions), per-group metrics (PREFIX.metrics) and rejects (PREFIX.rejects) out, exactly once."
                + " Scaling is causal (running min-max per key).",
        footer = {"", "Examples:",
                "  tidecast groupwise-run --bootstrap 127.0.0.1:9092 --load insurance --bounded   # write the medical-cost data, run, print",
                "  tidecast groupwise-run --bootstrap kafka:9092 --prefix tenants                  # unbounded service",
                "Record contract: {\"key\":\"tenant\",\"ts\":1,\"features\":[numeric...],\"indicators\":[0/1...],\"target\":y,"
                        + "\"groups\":[\"name\",...]} (see README, Groupwise regret)."})
public final class GroupwiseRunCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--prefix", defaultValue = "tidecast.groupwise", paramLabel = "P", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--bounded", description = "Stop at the records topic's latest offsets as of the start, then print the final per-group accounts.")
    boolean bounded;

    @Option(names = "--load", paramLabel = "insurance", description = "First write the medical-cost data (first published order, key 'insurance') to the records topic.")
    String load;

    @Option(names = "--lambda", defaultValue = "1.0", paramLabel = "L", description = "Ridge penalty (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--metrics-every", defaultValue = "500", paramLabel = "N", description = "Emit every group's account every N records of a key (default: ${DEFAULT-VALUE}).")
    int metricsEvery;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (!(lambda > 0)) throw new UserError("--lambda must be a positive number, got " + lambda);
        if (metricsEvery < 1) throw new UserError("--metrics-every must be >= 1, got " + metricsEvery);
        if (load != null && !load.equals("insurance")) throw new UserError("--load knows only 'insurance', not '" + load + "'");
        if (parallelism < 1) throw new UserError("--parallelism must be >= 1, got " + parallelism);
        JobConfig cfg = JobConfig.defaults();
        cfg.job.parallelism = parallelism;
        cfg.kafka.bootstrap = bootstrap;
        cfg.job.name = "tidecast-groupwise";
        cfg.job.groupId = prefix + ".job";
        cfg.job.transactionalIdPrefix = prefix + ".job";
        GroupwiseJob.Topics topics = GroupwiseJob.Topics.withPrefix(prefix);
        createTopics(topics);
        GroupwiseDataset data = null;
        if (load != null) {
            data = GroupwiseDataset.insurance(Path.of(System.getProperty("tidecast.home", ".")));
            produce(data, topics.records());
        }
        GroupwiseConfig config = new GroupwiseConfig();
        config.lambda = lambda;
        config.metricsEvery = metricsEvery;
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "fixed-delay");
        extra.setString("restart-strategy.fixed-delay.attempts", "10");
        JobClient job = GroupwiseJob.start(cfg, topics, config, bounded ? OffsetsInitializer.latest() : null, extra);
        System.out.println("job " + job.getJobID() + " running: " + topics.records() + " -> " + topics.predictions() + ", " + topics.metrics() + ", "
                + topics.rejects() + " on " + bootstrap);
        Thread cancel = new Thread(job::cancel, "cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(cancel);
        job.getJobExecutionResult().get();
        Runtime.getRuntime().removeShutdownHook(cancel);
        if (bounded) print(topics, data);
        return 0;
    }

    private void createTopics(GroupwiseJob.Topics topics) throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (String t : topics.all()) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw new UserError("cannot create topic " + t + " on " + bootstrap + ": " + e.getCause().getMessage());
                }
            }
        }
    }

    private void produce(GroupwiseDataset data, String topic) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        GroupwiseCodec codec = new GroupwiseCodec();
        int[] order = PublishedOrders.permutation(PublishedOrders.SEEDS.get(0), data.rows());
        byte[] key = "insurance".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < order.length; i++) {
                GroupRecord r = data.record("insurance", order[i], i);
                producer.send(new ProducerRecord<>(topic, key, codec.encode(r)));
            }
            producer.flush();
        }
        System.out.println("wrote " + order.length + " insurance records (published order seed " + PublishedOrders.SEEDS.get(0) + ") to " + topic);
    }

    private void print(GroupwiseJob.Topics topics, GroupwiseDataset data) {
        GroupwiseCodec codec = new GroupwiseCodec();
        Map<String, List<GroupMetrics>> last = TopicReader.readAll(bootstrap, topics.metrics()).stream()
                .map(r -> codec.decodeMetrics(r.value())).filter(m -> m.last)
                .collect(Collectors.groupingBy(m -> m.key, java.util.TreeMap::new, Collectors.toList()));
        double u = data == null ? 1 : 1 / (data.targetRange() * data.targetRange());
        String unit = data == null ? "squared target units" : "units of (target range)^2";
        last.forEach((key, list) -> {
            System.out.println("key " + key + " (final accounts, " + unit + ")");
            System.out.println(String.format(Locale.ROOT, "  %-12s %6s %10s %10s %10s %10s", "group", "T_g", "ours", "baseline", "reg ours", "reg base"));
            for (GroupMetrics m : list) {
                System.out.println(String.format(Locale.ROOT, "  %-12s %6d %10.3f %10.3f %10.3f %10.3f", m.group, m.count, m.ours * u, m.baseline * u,
                        m.regretOurs * u, m.regretBaseline * u));
            }
        });
        System.out.println("rejects: " + TopicReader.count(bootstrap, topics.rejects()));
    }
}
