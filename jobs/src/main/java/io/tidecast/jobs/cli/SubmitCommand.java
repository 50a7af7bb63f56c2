package io.tidecast.jobs.cli;

import io.tidecast.jobs.cluster.BuildArtifacts;
import io.tidecast.jobs.cluster.ClusterState;
import io.tidecast.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.client.cli.CliFrontend;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit the forecasting job (the shaded job jar) to a Flink cluster through Flink's own client, as "
                + "'flink run -d' does. Every option of 'tidecast run' (--bootstrap, --config, --parallelism, --bounded, ...) "
                + "goes to the job.",
                "The cluster is the one 'tidecast cluster start' runs from --cluster DIR, or any Flink 2.x cluster at --jobmanager."},
        footer = {"", "Examples:",
                "  tidecast submit --bootstrap 127.0.0.1:9092 --parallelism 2",
                "  tidecast submit --config tidecast.yaml --bootstrap kafka:9092 --jobmanager flink-jm:8081",
                "  tidecast submit --bootstrap 127.0.0.1:9092 --bounded      # a batch run over what the topic holds now"})
public final class SubmitCommand implements Callable<Integer> {
    @Option(names = "--jobmanager", paramLabel = "HOST:PORT", description = "REST address of the JobManager (default: the cluster in --cluster).")
    String jobManager;

    @Option(names = "--cluster", defaultValue = ClusterCommand.DEFAULT_DIR, paramLabel = "DIR",
            description = "Directory of a cluster started with 'tidecast cluster start' (default: ./${DEFAULT-VALUE}).")
    Path cluster;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar (default: jobs/target/tidecast-jobs-*-job.jar).")
    Path jar;

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String address = jobManager != null ? jobManager : ClusterState.read(cluster)
                .map(s -> s.host + ":" + s.restPort)
                .orElseThrow(() -> new UserError("no cluster running from " + cluster.toAbsolutePath()
                        + "; start one with 'tidecast cluster start' or pass --jobmanager HOST:PORT"));
        Path jobJar = jar != null ? jar : BuildArtifacts.locate().jobJar();
        if (!Files.isRegularFile(jobJar)) throw new UserError("job jar " + jobJar + " does not exist; build it with 'mvn -B -DskipTests package'");
        checkJobArgs();

        Configuration conf = new Configuration();
        String confDir = Files.createTempDirectory("tidecast-flink-client-").toString();
        CliFrontend flink = new CliFrontend(conf, CliFrontend.loadCustomCommandLines(conf, confDir));
        List<String> args = new ArrayList<>(List.of("run", "--detached", "--jobmanager", address, jobJar.toAbsolutePath().toString()));
        args.addAll(jobArgs);
        System.out.println("submitting " + jobJar.getFileName() + " to " + address);
        int rc = flink.parseAndRun(args.toArray(String[]::new));
        if (rc != 0) {
            System.err.println("submit: Flink's client could not submit the job (exit " + rc + "); see the messages above and the "
                    + "JobManager log");
            return 1;
        }
        System.out.println("watch it at http://" + address + " (web UI) or with 'tidecast cluster status'");
        return 0;
    }

    /** The job's own options are checked here, so that a mistake is one clear line and not a client stack trace. */
    private void checkJobArgs() {
        RunCommand run = new RunCommand();
        CommandLine cl = new CommandLine(run);
        try {
            cl.parseArgs(jobArgs.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage() + " (the job takes the options of 'tidecast run')");
        }
        JobConfig cfg = run.resolvedConfig();
        if (cfg.kafka.bootstrap == null || cfg.kafka.bootstrap.isBlank()) {
            throw new UserError("no Kafka bootstrap servers for the job: pass --bootstrap HOST:PORT (as the cluster reaches Kafka) "
                    + "or set kafka.bootstrap in --config");
        }
        cfg.forecastConfig();
    }
}
