package io.tidecast.jobs.cli;

import io.tidecast.jobs.DecideJob;
import io.tidecast.jobs.config.DecideSettings;
import io.tidecast.jobs.runtime.CheckpointDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Run the bandit decision service against a Kafka cluster: each request on tidecast.decisions.requests "
                + "gets an arm on tidecast.decisions, drawn by that key's bandit policy; costs on tidecast.decisions.feedback "
                + "update the policy. Exactly once; deterministic under a seed.",
                "",
                "  in : {\"key\":\"solver-7\",\"requestId\":\"r1\",\"context\":[0.3]}   (context optional)",
                "  out: {\"key\":\"solver-7\",\"requestId\":\"r1\",\"arm\":\"b\",\"probability\":0.41}",
                "  in : {\"requestId\":\"r1\",\"cost\":0.7}"},
        footer = {"", "Examples:",
                "  tidecast decide --bootstrap 127.0.0.1:9092",
                "  tidecast decide --bootstrap 127.0.0.1:9092 --config decide.yaml --checkpoints ./ckpt",
                "  echo 'k1|{\"key\":\"k1\",\"requestId\":\"r1\"}' | kcat -b 127.0.0.1:9092 -P -t tidecast.decisions.requests -K '|'",
                "  kcat -b 127.0.0.1:9092 -C -t tidecast.decisions -X isolation.level=read_committed",
                "  echo 'r1|{\"requestId\":\"r1\",\"cost\":0.7}' | kcat -b 127.0.0.1:9092 -P -t tidecast.decisions.feedback -K '|'",
                "  scripts/bandit-env.sh --bootstrap 127.0.0.1:9092   # a stochastic environment driving it with kcat",
                "Arms and policies per key family: see tidecast-decide-defaults.yaml."})
public final class DecideCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (or kafka.bootstrap in the config).")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings (all of them, with defaults: tidecast-decide-defaults.yaml).")
    Path config;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Keep checkpoints in DIR and resume from the newest one on start (policies, open requests, offsets).")
    Path checkpoints;

    @Option(names = "--bounded", description = "Stop at the input topics' latest offsets as of the start.")
    boolean bounded;

    @Option(names = "--start-from", paramLabel = "WHERE", description = "earliest, latest or committed (default from config: earliest).")
    String startFrom;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default from config: 2).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", description = "Checkpoint interval in ms; decisions are committed at each checkpoint.")
    Long checkpointInterval;

    @Option(names = "--at-least-once", description = "At-least-once Kafka sink instead of exactly-once transactions (lower latency).")
    boolean atLeastOnce;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the policies (each key's policy is seeded from it and the key).")
    Long seed;

    @Option(names = "--timeout", paramLabel = "MS", description = "Feedback timeout in ms of event time (default from config: 60000).")
    Long timeout;

    public DecideSettings resolve() {
        DecideSettings s = DecideSettings.load(config);
        if (bootstrap != null) s.kafka.bootstrap = bootstrap;
        if (startFrom != null) s.job.startFrom = startFrom;
        if (parallelism != null) {
            if (parallelism < 1) throw new UserError("--parallelism must be at least 1");
            s.job.parallelism = parallelism;
        }
        if (checkpointInterval != null) {
            if (checkpointInterval < 10) throw new UserError("--checkpoint-interval must be at least 10 ms");
            s.job.checkpointIntervalMs = checkpointInterval;
        }
        if (atLeastOnce) s.job.exactlyOnce = false;
        if (seed != null) s.decide.seed = seed;
        if (timeout != null) {
            if (timeout < 1) throw new UserError("--timeout must be at least 1 ms");
            s.decide.feedbackTimeoutMs = timeout;
        }
        return s;
    }

    @Override
    public Integer call() throws Exception {
        DecideSettings s = resolve();
        s.decideConfig();
        Configuration extra = new Configuration();
        extra.setString("restart-strategy.type", "fixed-delay");
        extra.setString("restart-strategy.fixed-delay.attempts", "10");
        extra.setString("restart-strategy.fixed-delay.delay", "2 s");
        if (checkpoints != null) {
            CheckpointDir dir = new CheckpointDir(checkpoints).ensureWritable();
            dir.configure(extra);
            System.out.println(dir.latest().map(c -> "resuming from checkpoint " + c)
                    .orElse("no checkpoint in " + checkpoints + " yet: starting from the beginning"));
        }
        JobClient job = DecideJob.start(s, bounded ? OffsetsInitializer.latest() : null, extra);
        System.out.println("job " + job.getJobID() + " running: " + s.topics.requests + " + " + s.topics.feedback + " -> "
                + s.topics.decisions + ", " + s.topics.metrics + ", " + s.topics.rejects + " on " + s.kafka.bootstrap);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel(), "cancel-on-exit"));
        job.getJobExecutionResult().get();
        System.out.println("job finished");
        return 0;
    }
}
