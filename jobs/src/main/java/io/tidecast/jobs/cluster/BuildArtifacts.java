package io.tidecast.jobs.cluster;

import io.tidecast.jobs.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the build leaves in {@code jobs/target} for a real cluster: the shaded job jar, the Flink runtime classpath
 * as Maven resolved it ({@code flink-classpath.txt}) and the Prometheus reporter jar.
 */
public final class BuildArtifacts {
    private final Path target;

    private BuildArtifacts(Path target) {
        this.target = target;
    }

    /** {@code -Dtidecast.home} (set by ./tidecast) or the working directory (the repository or the jobs module). */
    public static BuildArtifacts locate() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("tidecast.home");
        if (home != null) candidates.add(Path.of(home, "jobs", "target"));
        candidates.add(Path.of("jobs", "target"));
        candidates.add(Path.of("target"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("flink-classpath.txt"))) return new BuildArtifacts(c.toAbsolutePath().normalize());
        }
        throw new UserError("the Flink runtime classpath (jobs/target/flink-classpath.txt) is missing; build with "
                + "'mvn -B -DskipTests package' in the Tidecast directory (./tidecast does it)");
    }

    /** The JobManager's and TaskManagers' classpath: Flink's runtime and Tidecast's metrics reporter, nothing else. */
    public String clusterClasspath() {
        try {
            String flink = Files.readString(target.resolve("flink-classpath.txt")).trim();
            return reporterJar().map(j -> flink + java.io.File.pathSeparator + j).orElse(flink);
        } catch (IOException e) {
            throw new UserError("cannot read " + target.resolve("flink-classpath.txt") + ": " + e.getMessage());
        }
    }

    public Optional<Path> reporterJar() {
        return find("-reporter.jar");
    }

    public Path jobJar() {
        return find("-job.jar").orElseThrow(() -> new UserError("no job jar (tidecast-jobs-*-job.jar) in " + target
                + "; build it with 'mvn -B -DskipTests package' or pass --jar FILE"));
    }

    private Optional<Path> find(String suffix) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("tidecast-jobs-") && n.endsWith(suffix);
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
