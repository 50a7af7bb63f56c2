package io.tidecast.jobs.relax;

import io.tidecast.jobs.cli.UserError;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.Sor;
import io.tidecast.operators.RelaxFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "relax-serve", mixinStandardHelpOptions = true,
        description = "SOR relaxation tuning as a service: reads linear systems (JSON, sparse A in CSR or COO, b) from Kafka,"
                + " picks omega per key with a bandit, solves, and writes cost, chosen omega and regrets (and x on request)"
                + " to the results topic; malformed systems go to the rejects topic with the reason. Contract: README, 'Learning to Relax'.",
        footer = {"", "Example:",
                "  tidecast broker &   # prints bootstrap: 127.0.0.1:PORT",
                "  tidecast relax-serve --bootstrap 127.0.0.1:PORT --policies chebcb",
                "  kcat -b 127.0.0.1:PORT -C -t tidecast.relax.results -X isolation.level=read_committed"})
public final class RelaxServeCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, paramLabel = "H:P", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--systems-topic", defaultValue = "tidecast.relax.systems", paramLabel = "T", description = "Input topic (default: ${DEFAULT-VALUE}).")
    String systemsTopic;

    @Option(names = "--results-topic", defaultValue = "tidecast.relax.results", paramLabel = "T", description = "Results topic (default: ${DEFAULT-VALUE}).")
    String resultsTopic;

    @Option(names = "--rejects-topic", defaultValue = "tidecast.relax.rejects", paramLabel = "T", description = "Rejects topic (default: ${DEFAULT-VALUE}).")
    String rejectsTopic;

    @Option(names = "--policies", defaultValue = "chebcb", split = ",", paramLabel = "P",
            description = "Bandits per key, one result each; the first one's omega solves for x (default: ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Base seed; a key's bandits are seeded from it and the key (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--state-ttl-ms", defaultValue = "86400000", paramLabel = "MS", description = "Forget a key's bandits after this long without a system; 0 = never (default: ${DEFAULT-VALUE}).")
    long stateTtlMs;

    @Option(names = "--bounded", description = "Stop at the offsets that are the latest at start (batch over what is there).")
    boolean bounded;

    @Option(names = "--at-least-once", description = "Write outputs without transactions (lower latency, duplicates possible after a failure).")
    boolean atLeastOnce;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1 || parallelism > 1024) throw new UserError("--parallelism must be in [1, 1024], got " + parallelism);
        if (stateTtlMs < 0) throw new UserError("--state-ttl-ms must be >= 0, got " + stateTtlMs);
        List<RelaxPolicy> ps = new ArrayList<>();
        for (String p : policies) {
            try {
                RelaxPolicy rp = RelaxPolicy.byId(p);
                if (!ps.contains(rp)) ps.add(rp);
            } catch (IllegalArgumentException e) {
                throw new UserError("--policies: " + e.getMessage());
            }
        }
        var settings = new RelaxService.Settings(bootstrap, systemsTopic, resultsTopic, rejectsTopic, "tidecast-relax",
                "tidecast-relax", parallelism, 1000, !atLeastOnce);
        JobClient job = RelaxService.start(settings, new RelaxFunction.Config(ps, seed, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP, stateTtlMs),
                bounded ? OffsetsInitializer.latest() : null);
        System.err.println("relax service running: " + systemsTopic + " -> " + resultsTopic + " (rejects: " + rejectsTopic + "); Ctrl-C to stop");
        job.getJobExecutionResult().get();
        return 0;
    }
}
