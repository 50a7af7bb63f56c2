package io.tidecast.jobs.cli;

import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a development Kafka broker (KRaft, single node, 127.0.0.1 only) until Ctrl-C.",
        footer = {"", "Example:", "  tidecast broker --partitions 2",
                "  kcat -b <printed address> -L        # any Kafka client can use it",
                "Its data lives in a temporary directory that is removed when it stops."})
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the topics it creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--no-topics", description = "Do not create the default Tidecast topics.")
    boolean noTopics;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) throw new UserError("--partitions must be at least 1");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        java.util.Set<String> all = new java.util.LinkedHashSet<>(JobConfig.defaults().topics.all());
        all.addAll(io.tidecast.jobs.config.DecideSettings.defaults().topics.all());
        if (!noTopics) kafka.createTopics(partitions, java.util.List.copyOf(all));
        System.out.println("Kafka broker ready at " + kafka.bootstrapServers());
        if (!noTopics) System.out.println("topics: " + String.join(", ", all) + " (" + partitions + " partitions each)");
        System.out.println("bootstrap: " + kafka.bootstrapServers());
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
