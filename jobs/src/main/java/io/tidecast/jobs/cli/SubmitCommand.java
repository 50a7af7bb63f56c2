package io.tidecast.jobs.cli;

import io.tidecast.jobs.cluster.BuildArtifacts;
import io.tidecast.jobs.cluster.ClusterState;
import io.tidecast.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
        checkJobArgs();
        String address = jobManager != null ? jobManager : ClusterState.read(cluster)
                .map(s -> s.host + ":" + s.restPort)
                .orElseThrow(() -> new UserError("no cluster running from " + cluster.toAbsolutePath()
                        + "; start one with 'tidecast cluster start' or pass --jobmanager HOST:PORT"));
        Path jobJar = jar != null ? jar : BuildArtifacts.locate().jobJar();
        if (!Files.isRegularFile(jobJar)) throw new UserError("job jar " + jobJar + " does not exist; build it with 'mvn -B -DskipTests package'");

        // Flink's client in its own JVM on Flink's classpath, as bin/flink runs it: the job jar's classes (the Kafka
        // connector and client among them) then load from the jar alone, exactly as on a production cluster
        BuildArtifacts build = BuildArtifacts.locate();
        Path confDir = Files.createTempDirectory("tidecast-flink-client-");
        Files.writeString(confDir.resolve("config.yaml"), "# Flink client settings of tidecast submit\n");
        Files.writeString(confDir.resolve("log4j-cli.properties"), CLIENT_LOG4J);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(io.tidecast.jobs.cluster.StandaloneCluster.moduleFlags());
        cmd.addAll(List.of("-Dlog4j.configurationFile=" + confDir.resolve("log4j-cli.properties").toUri(), "-classpath", build.clusterClasspath(),
                "org.apache.flink.client.cli.CliFrontend", "run", "--detached", "--jobmanager", address,
                jobJar.toAbsolutePath().toString()));
        cmd.addAll(jobArgs);
        System.out.println("submitting " + jobJar.getFileName() + " to " + address + " with Flink's client (flink run --detached)");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().put("FLINK_PLUGINS_DIR", Files.createDirectories(confDir.resolve("plugins")).toString());
        Process client = pb.start();
        client.getOutputStream().close();
        // the client's messages, through this JVM's stdout (a test or a wrapper may have replaced it)
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) System.out.println(line);
        }
        int rc = client.waitFor();
        org.apache.flink.util.FileUtils.deleteDirectory(confDir.toFile());
        if (rc != 0) {
            System.err.println("submit: Flink's client could not submit the job (exit " + rc + "); see its messages above and the "
                    + "JobManager log");
            return 1;
        }
        System.out.println("watch it at http://" + address + " (web UI) or with 'tidecast cluster status'");
        return 0;
    }

    private static final String CLIENT_LOG4J = String.join("\n", "rootLogger.level = ERROR", "rootLogger.appenderRef.console.ref = Console",
            "appender.console.name = Console", "appender.console.type = Console", "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = flink client: %-5p %m%n", "");

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
