package io.tidecast.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.cluster.ClusterState;
import io.tidecast.jobs.cluster.FlinkRest;
import io.tidecast.jobs.cluster.StandaloneCluster;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.runtime.EmbeddedKafka;
import io.tidecast.jobs.runtime.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real multi-process Flink cluster ({@code tidecast cluster start}: one JobManager and two
 * TaskManager JVMs), submitted with {@code tidecast submit} through Flink's own client, against the embedded broker:
 * its committed forecasts equal the MiniCluster run's, also when a TaskManager is killed with SIGKILL mid-stream.
 * An integration test (failsafe): it needs the job jar that {@code package} builds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final int PER_KEY = DurableRunTest.PER_KEY;
    static final int TOTAL = DurableRunTest.KEYS.size() * 4 * 2 * (PER_KEY - 40 + 1);

    @TempDir
    static Path tmp;
    static EmbeddedKafka kafka;
    static StandaloneCluster cluster;
    static ClusterState state;
    static Map<String, List<String>> expected;

    @BeforeAll
    static void brokerReferenceAndCluster() throws Exception {
        kafka = EmbeddedKafka.start();
        String b = kafka.bootstrapServers();
        // the reference: the same job on the in-process MiniCluster, parallelism 2
        JobConfig ref = JobConfig.load(Files.writeString(tmp.resolve("ref.yaml"), yaml("ref")));
        ref.kafka.bootstrap = b;
        kafka.createTopics(2, ref.topics.all());
        KafkaTestSupport.produce(b, ref.topics.samples, DurableRunTest.samples(0, PER_KEY));
        Configuration none = new Configuration();
        none.setString("restart-strategy.type", "none");
        ForecastJob.start(ref, OffsetsInitializer.latest(), none).getJobExecutionResult().get();
        expected = DurableRunTest.forecastsByKey(b, ref.topics.forecasts);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(TOTAL);

        StandaloneCluster.Spec spec = new StandaloneCluster.Spec();
        spec.taskManagers = 2;
        spec.slotsPerTaskManager = 2;
        spec.prometheusPorts = "0"; // free ports
        cluster = new StandaloneCluster(tmp.resolve("cluster"));
        long t0 = System.nanoTime();
        state = cluster.start(spec, System.out);
        System.out.printf("cluster of 1 JobManager + 2 TaskManagers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.stop();
        if (kafka != null) kafka.close();
    }

    @Test
    @Order(1)
    void separateJvmsOnFlinksOwnRuntimeWithoutOurCode() {
        assertThat(state.taskManagerPids).hasSize(2);
        for (long pid : state.allPids()) {
            ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
            assertThat(p.isAlive()).isTrue();
            assertThat(p.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        }
        // the job's classes (ours, the Kafka connector and client) can only come from the submitted jar
        String classpath = io.tidecast.jobs.cluster.ProcessCommandLine.of(state.taskManagerPids.get(0));
        assertThat(classpath).contains("flink-runtime-").doesNotContain("flink-connector-kafka", "kafka-clients", "tidecast-connectors",
                "tidecast-operators", "jobs/target/classes");
    }

    @Test
    @Order(2)
    void theJobJarOnTwoTaskManagersGivesTheMiniClustersForecasts() throws Exception {
        String b = kafka.bootstrapServers();
        Path cfg = Files.writeString(tmp.resolve("bounded.yaml"), yaml("bounded"));
        kafka.createTopics(2, JobConfig.load(cfg).topics.all());
        KafkaTestSupport.produce(b, "bounded.samples", DurableRunTest.samples(0, PER_KEY));
        long t0 = System.nanoTime();
        assertThat(submit(cfg, "--bounded")).isZero();
        FlinkRest rest = new FlinkRest(state.restUrl());
        String job = job(rest, "bounded");
        long deadline = System.currentTimeMillis() + 120_000;
        for (String st = rest.jobState(job); !st.equals("FINISHED"); st = rest.jobState(job)) {
            assertThat(st).as("job state; logs in %s", state.logs).isIn("INITIALIZING", "CREATED", "RUNNING");
            assertThat(System.currentTimeMillis()).as("bounded job finished").isLessThan(deadline);
            Thread.sleep(300);
        }
        System.out.printf("bounded job on the cluster: submitted and finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Map<String, List<String>> got = DurableRunTest.forecastsByKey(b, "bounded.forecasts");
        for (String key : DurableRunTest.KEYS) assertThat(got.get(key)).as(key).containsExactlyElementsOf(expected.get(key));
    }

    @Test
    @Order(3)
    void killingATaskManagerMidStreamRestartsFromTheCheckpointExactlyOnce() throws Exception {
        String b = kafka.bootstrapServers();
        Path cfg = Files.writeString(tmp.resolve("kill.yaml"), yaml("kill"));
        kafka.createTopics(2, JobConfig.load(cfg).topics.all());
        assertThat(submit(cfg)).isZero();
        FlinkRest rest = new FlinkRest(state.restUrl());
        String job = job(rest, "kill");
        KafkaTestSupport.produce(b, "kill.samples", DurableRunTest.samples(0, 200));
        long deadline = System.currentTimeMillis() + 120_000;
        while (TopicReader.count(b, "kill.forecasts") == 0) {
            assertThat(System.currentTimeMillis()).as("first committed forecasts; logs in %s", state.logs).isLessThan(deadline);
            Thread.sleep(200);
        }
        prometheusShowsTheRunningJob();
        KafkaTestSupport.produce(b, "kill.samples", DurableRunTest.samples(200, 350));
        ProcessHandle victim = ProcessHandle.of(state.taskManagerPids.get(0)).orElseThrow();
        long killedAt = System.nanoTime();
        victim.destroyForcibly(); // SIGKILL: no goodbye to the JobManager, open Kafka transactions left behind
        victim.onExit().get(30, TimeUnit.SECONDS);
        long committedAtKill = TopicReader.count(b, "kill.forecasts");
        assertThat(committedAtKill).as("killed mid-stream").isLessThan(TOTAL);
        KafkaTestSupport.produce(b, "kill.samples", DurableRunTest.samples(350, PER_KEY));

        deadline = System.currentTimeMillis() + 180_000;
        while (TopicReader.count(b, "kill.forecasts") < TOTAL) {
            assertThat(System.currentTimeMillis()).as("all forecasts after the failover; logs in %s", state.logs).isLessThan(deadline);
            Thread.sleep(300);
        }
        double recovered = (System.nanoTime() - killedAt) / 1e9;
        Thread.sleep(1_500); // another checkpoint or more: a duplicate would show now
        assertThat(rest.failures(job)).as("the job failed over after losing a TaskManager").isPositive();
        assertThat(rest.jobState(job)).isEqualTo("RUNNING");
        assertThat(rest.overview().path("taskmanagers").asInt()).isEqualTo(1);
        Map<String, List<String>> got = DurableRunTest.forecastsByKey(b, "kill.forecasts");
        for (String key : DurableRunTest.KEYS) assertThat(got.get(key)).as(key).containsExactlyElementsOf(expected.get(key));
        System.out.printf("TaskManager killed with %d of %d forecasts committed; all %d committed exactly once %.1f s after the kill, "
                + "failures %d%n", committedAtKill, TOTAL, TOTAL, recovered, rest.failures(job));
        rest.cancel(job);
    }

    /** Every TaskManager and the JobManager serve Prometheus metrics, Tidecast's gauges among them. */
    static void prometheusShowsTheRunningJob() throws Exception {
        StringBuilder tms = new StringBuilder();
        for (int i = 1; i < state.prometheusPorts.size(); i++) tms.append(scrape(state.prometheusPorts.get(i)));
        assertThat(tms.toString()).contains("flink_taskmanager_job_task_operator_tidecast_samplesIn",
                "flink_taskmanager_job_task_operator_tidecast_forecastsOut", "flink_taskmanager_job_task_operator_tidecast_reason_rejects",
                "flink_taskmanager_job_task_operator_tidecast_model_horizonMs_meanNrmse");
        assertThat(scrape(state.prometheusPorts.get(0))).contains("flink_jobmanager_job_lastCheckpointDuration");
    }

    static String yaml(String prefix) {
        return DurableRunTest.yaml(prefix) + "prometheus: {enabled: false}\n";
    }

    static int submit(Path config, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("submit", "--cluster", cluster.dir().toString(), "--bootstrap",
                kafka.bootstrapServers(), "--config", config.toString(), "--parallelism", "2"));
        args.addAll(List.of(more));
        return Cli.commandLine().execute(args.toArray(String[]::new));
    }

    static String job(FlinkRest rest, String name) throws IOException {
        Optional<FlinkRest.Job> j = rest.jobs().stream().filter(x -> x.name().equals(name)).findFirst();
        assertThat(j).as("job %s on the cluster", name).isPresent();
        return j.get().id();
    }

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
